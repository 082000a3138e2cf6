package org.segprune.evaluate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.segprune.graph.ChannelGraph;
import org.segprune.model.ModelIO;
import org.segprune.model.SegmentationModel;

/**
 * Size and cost of a model (METHOD.md): trainable parameters, parameters with batch-norm statistics,
 * size in MB (params x 4 bytes, 10^6 bytes per MB), the saved file's size without optimizer state,
 * MACs and GFLOPs (2 x MACs) for one image at the model's input size.
 */
public record ModelStats(long params, long paramsWithBnStats, double sizeMb, double fileSizeMb, long macs, double gflops) {

    public static ModelStats of(SegmentationModel model) {
        ChannelGraph graph = ChannelGraph.of(model);
        ChannelGraph.Totals totals = graph.totals(graph.currentChannels());
        return new ModelStats(totals.trainableParams(), totals.paramsWithStatistics(), totals.trainableParams() * 4 / 1e6,
                savedBytes(model) / 1e6, totals.macs(), 2.0 * totals.macs() / 1e9);
    }

    private static long savedBytes(SegmentationModel model) {
        CountingStream counter = new CountingStream();
        try {
            ModelIO.write(model, counter, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
