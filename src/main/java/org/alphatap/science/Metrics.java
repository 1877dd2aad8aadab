package org.alphatap.science;

import java.util.Arrays;

/** Errors of predictions against labels: MAE, RMSE, bias and the robust σ (1.4826·MAD). */
public record Metrics(double mae, double rmse, double bias, double robustSigma) {
    public static Metrics of(float[] truth, float[] predicted) {
        int n = truth.length;
        double abs = 0;
        double sq = 0;
        double sum = 0;
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            double r = predicted[i] - truth[i];
            res[i] = r;
            abs += Math.abs(r);
            sq += r * r;
            sum += r;
        }
        Arrays.sort(res);
        double median = Posterior.quantile(res, 0.5);
        double[] dev = new double[n];
        for (int i = 0; i < n; i++) {
            dev[i] = Math.abs(res[i] - median);
        }
        Arrays.sort(dev);
        return new Metrics(abs / n, Math.sqrt(sq / n), sum / n, 1.4826 * Posterior.quantile(dev, 0.5));
    }

    /** 1 − MAE/MAE_baseline: the fraction of the baseline's error the model removes. */
    public double skillAgainst(Metrics baseline) {
        return 1 - mae / baseline.mae;
    }
}
