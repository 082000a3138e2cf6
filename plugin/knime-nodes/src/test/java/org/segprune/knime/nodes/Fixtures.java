package org.segprune.knime.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.data.PhantomGenerator;
import org.segprune.knime.port.SegmentationModelPortObject;
import org.segprune.knime.port.SegmentationModelPortObjectSpec;
import org.segprune.knimetest.TestExecutionContexts;
import org.segprune.knimetest.TestTables;
import org.segprune.model.Architectures;
import org.segprune.model.ModelInfo;
import org.segprune.model.ModelSpec;
import org.segprune.model.SegmentationModel;
import org.segprune.step.DataReaderStep;
import org.segprune.step.DataReaderSettings;
import org.segprune.model.ModelSummary;
import org.segprune.util.Progress;
import org.segprune.table.NodeTable;

/**
 * Shared test inputs: 12 lung phantoms of 32x32 (a third marked 'test'), their image table, and a tiny
 * U-Net (32x32, depth 2, 4 base filters) on a model port.
 */
public final class Fixtures {

    private static Path s_dir;

    private static BufferedDataTable s_images;

    private static SegmentationModelPortObject s_model;

    private Fixtures() {
    }

    /** The phantom folder (with images/ and masks/), created once and removed at exit. */
    public static synchronized Path phantoms() {
        if (s_dir == null) {
            try {
                s_dir = Files.createTempDirectory("segprune-knime-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(s_dir)));
            PhantomGenerator.generate(s_dir, PhantomGenerator.Kind.LUNG, 12, 32, 11, Progress.NONE);
        }
        return s_dir;
    }

    private static void delete(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }

    /** The image table the Data Reader makes of the phantoms (test fraction 1/3). */
    public static synchronized BufferedDataTable images() throws Exception {
        if (s_images == null) {
            DataReaderSettings settings = DataReaderSettings.from(Map.of("images_folder",
                phantoms().resolve("images").toString(), "masks_folder", phantoms().resolve("masks").toString(),
                "test_fraction", "0.34"));
            s_images = KnimeTables.toKnime(DataReaderStep.run(settings, null, Progress.NONE),
                TestExecutionContexts.create());
        }
        return s_images;
    }

    public static DataTableSpec imagesSpec() {
        return KnimeTables.toSpec(DataReaderStep.OUTPUT);
    }

    /** A tiny untrained U-Net on a model port (the same object on every call). */
    public static synchronized SegmentationModelPortObject model() {
        if (s_model == null) {
            s_model = new SegmentationModelPortObject(Architectures.build(new ModelSpec("unet", 32, 1, 2, 4, 3)));
        }
        return s_model;
    }

    /** The spec of a model whose only convolution is the head: nothing can be pruned. */
    public static SegmentationModelPortObjectSpec unprunableSpec() {
        return new SegmentationModelPortObjectSpec(new ModelSummary("tiny", 32, 1, 5, List.of(
            new ModelSummary.LayerSummary("head", "ConvolutionLayer", 1, 5, false)), List.of(), 0));
    }

    /** A model built by the tests that holds the given network (for provenance checks). */
    public static SegmentationModelPortObject modelOf(final SegmentationModel model, final String step) {
        ModelInfo info = model.info().with(step);
        return new SegmentationModelPortObject(new SegmentationModel(model.graph(), info));
    }

    /** An execution context that cancels itself once progress passes {@code fraction} (a user pressing cancel). */
    public static ExecutionContext cancellingAt(final double fraction) {
        return TestExecutionContexts.create(new DefaultNodeProgressMonitor() {
            @Override
            public synchronized void setProgress(final double progress, final String message) {
                super.setProgress(progress, message);
                if (progress >= fraction) {
                    setExecuteCanceled();
                }
            }
        });
    }

    /** An image table with the Data Reader's columns and the given rows (key, image, mask, split). */
    public static BufferedDataTable table(final String[]... rows) {
        List<DataRow> list = new java.util.ArrayList<>();
        for (String[] r : rows) {
            list.add(new DefaultRow(r[0], new StringCell(r[1]), new StringCell(r[2]), new IntCell(32), new IntCell(32),
                new DoubleCell(0.3), new StringCell(r[3])));
        }
        return TestTables.create(imagesSpec(), list);
    }

    /** A fresh execution context. */
    public static ExecutionContext exec() {
        return TestExecutionContexts.create();
    }

    /** Reads a KNIME table as the engine sees it. */
    public static org.segprune.table.NodeTable read(final PortObject table) throws Exception {
        return KnimeTables.toNodeTable((BufferedDataTable)table, new ExecutionMonitor());
    }

    /** The specs of the given ports (null stays null). */
    public static PortObjectSpec[] specs(final PortObject... ports) {
        PortObjectSpec[] specs = new PortObjectSpec[ports.length];
        for (int i = 0; i < ports.length; i++) {
            specs[i] = ports[i] == null ? null : ports[i].getSpec();
        }
        return specs;
    }
}
