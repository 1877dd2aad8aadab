package org.alphatap.cli;

import org.alphatap.survey.mock.MockChemistry;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --chemistry realistic|trend-only}. */
final class ChemistryOption implements ITypeConverter<MockChemistry> {
    static final String DESCRIPTION = "Mock chemistry: realistic (clusters with the structure of the real OCCAM "
            + "clusters; the default) or trend-only (clusters on the field's [X/Fe]-[Fe/H] trend, the paper's "
            + "implicit assumption).";

    @Override
    public MockChemistry convert(String value) {
        try {
            return MockChemistry.of(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
