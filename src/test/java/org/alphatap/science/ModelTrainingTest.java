package org.alphatap.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.Element;
import org.alphatap.survey.GalahColumn;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.mock.MockFixture;
import org.alphatap.survey.mock.MockSurvey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTrainingTest {
    private static TrainingSample.ElementData oxygen;

    @BeforeAll
    static void sample() throws Exception {
        MockSurvey.Result mock = MockFixture.small();
        ColumnTable<LamostColumn> l = ColumnTable.load(LamostColumn.reader(), mock.lamost(), LamostColumn.class);
        ColumnTable<GalahColumn> g = ColumnTable.load(GalahColumn.reader(), mock.galah(), GalahColumn.class);
        oxygen = TrainingSample.select(l, g, TrainingCuts.paper(), null).forElement(Element.O, ModelFamily.PAPER, l, g);
    }

    @Test
    void beatsTheBaselinesWithCalibratedUncertainties() throws Exception {
        ModelTraining.Result r = ModelTraining.train(Element.O, oxygen, ModelTraining.Settings.defaults(1));
        ModelTraining.Report rep = r.report();
        assertEquals(0.25, (double) rep.nTest() / (rep.nTest() + rep.nTrain()), 0.02);
        assertTrue(rep.test().mae() < rep.medianBaseline().mae(), "beats the constant");
        assertTrue(rep.test().mae() <= rep.runningMedianBaseline().mae() * 1.02, "no worse than the [Fe/H] trend");
        assertEquals(0.68, rep.coverage().within1Sigma(), 0.05);
        assertEquals(1.0, rep.calibrationSlope(), 0.05, "predictions neither compressed nor stretched");
        // The mock's irreducible scatter for O is about 0.088 dex: the model's RMSE should be near it.
        assertEquals(0.09, rep.test().rmse(), 0.015);
        r.model().dispose();
    }
}
