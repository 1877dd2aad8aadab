package org.alphatap.survey.mock;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/** Zero-mean Gaussian vectors with given standard deviations and correlation matrix. */
final class CorrelatedNormal {
    private final double[] sd;
    private final double[][] correlation;
    /** Lower Cholesky factor of the correlation matrix. */
    private final double[][] factor;

    CorrelatedNormal(double[] sd, double[][] correlation) {
        this.sd = sd.clone();
        this.correlation = correlation;
        RealMatrix l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(correlation)).getL();
        this.factor = l.getData();
    }

    /** One vector; draws exactly {@code sd.length} normals, so streams stay aligned whatever the correlation. */
    double[] draw(SplittableRandom rng) {
        int n = sd.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j <= i; j++) {
                v += factor[i][j] * z[j];
            }
            x[i] = sd[i] * v;
        }
        return x;
    }

    double sd(int i) {
        return sd[i];
    }

    double[][] correlation() {
        return correlation;
    }

    static double[][] identity(int n) {
        return MatrixUtils.createRealIdentityMatrix(n).getData();
    }
}
