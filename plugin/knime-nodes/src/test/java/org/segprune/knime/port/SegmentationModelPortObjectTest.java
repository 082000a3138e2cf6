package org.segprune.knime.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.core.node.port.PortUtil;
import org.segprune.knime.nodes.Fixtures;
import org.segprune.knimetest.TestPortObjects;
import org.segprune.model.SegmentationModel;
import org.segprune.model.ModelSummary;

/** The Segmentation Model port: saved and loaded as KNIME does when a workflow is saved and reopened. */
class SegmentationModelPortObjectTest {

    @Test
    void theModelRoundTripsBitExact() throws Exception {
        SegmentationModelPortObject original = Fixtures.model();
        SegmentationModelPortObject back = TestPortObjects.roundTrip(original);
        assertNotSame(original, back);
        assertArrayEquals(original.getModelBytes(), back.getModelBytes());
        assertEquals(original.getSpec(), back.getSpec());
        SegmentationModel restored = back.getModel();
        assertArrayEquals(original.getModel().graph().params().toFloatVector(), restored.graph().params().toFloatVector());
        assertEquals(original.getModel().info(), restored.info());
        assertArrayEquals(original.getModelBytes(), TestPortObjects.roundTrip(back).getModelBytes(),
            "saving a loaded model writes the same bytes again");
    }

    @Test
    void theSpecRoundTripsWithEveryLayerAndTheProvenance() throws Exception {
        SegmentationModelPortObjectSpec spec = Fixtures.modelOf(Fixtures.model().getModel(), "scored with l1").getSpec();
        SegmentationModelPortObjectSpec back = TestPortObjects.roundTripSpec(spec);
        assertEquals(spec, back);
        ModelSummary summary = back.getModelSummary();
        assertEquals(spec.getModelSummary(), summary);
        assertEquals("scored with l1", summary.provenance().get(1));
        assertTrue(summary.layers().stream().anyMatch(ModelSummary.LayerSummary::prunable));
        assertEquals(spec.getModelSummary().layers().size(), summary.layers().size());
    }

    @Test
    void theSpecKeepsTheClassCountOfAMultiClassModel() throws Exception {
        ModelSummary threeClasses = new ModelSummary("unet", 32, 1, 5, java.util.List.of(
            new ModelSummary.LayerSummary("head", "ConvolutionLayer", 3, 5, false)), java.util.List.of(), 3);
        SegmentationModelPortObjectSpec back = TestPortObjects.roundTripSpec(new SegmentationModelPortObjectSpec(threeClasses));
        assertEquals(3, back.getModelSummary().classes());
    }

    @Test
    void theSummaryAndViewsAreReadable() {
        SegmentationModelPortObject port = Fixtures.model();
        String summary = port.getSummary();
        assertTrue(summary.startsWith("unet 1x32x32, 7,477 params, 12 of "), summary);
        assertTrue(summary.contains("last step: built unet depth 2 base 4"), summary);
        JComponent[] views = port.getViews();
        assertEquals(1, views.length);
        assertEquals("Model", views[0].getName());
        String text = ((javax.swing.JTextArea)((javax.swing.JScrollPane)views[0]).getViewport().getView()).getText();
        for (String line : new String[]{"architecture    unet", "input           1x1x32x32", "head            sigmoid",
            "parameters      7,477 trainable", "GFLOPs", "enc0_conv1", "where it came from", "built unet depth 2 base 4"}) {
            assertTrue(text.contains(line), line + " in " + text);
        }
        assertTrue(port.getSpec().getModelSummary().describe().contains("enc0_conv1"));
    }

    @Test
    void thePortTypeIsRegisteredForTheModelAndItsSpec() {
        assertEquals(SegmentationModelPortObject.class, SegmentationModelPortObject.TYPE.getPortObjectClass());
        assertEquals(SegmentationModelPortObjectSpec.class, SegmentationModelPortObject.TYPE.getPortObjectSpecClass());
        assertTrue(SegmentationModelPortObject.TYPE_OPTIONAL.isOptional());
        assertEquals(SegmentationModelPortObject.class, PortTypeRegistry.getInstance()
            .getObjectClass(SegmentationModelPortObject.class.getName()).orElseThrow());
    }

    @Test
    void aStreamWithoutTheModelEntryIsRejected() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = PortUtil.getPortObjectZipOutputStream(bytes)) {
            new SegmentationModelPortObject.Serializer().savePortObject(Fixtures.model(), out, new ExecutionMonitor());
        }
        // a stream whose content entry has another name
        ByteArrayOutputStream wrong = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = PortUtil.getPortObjectZipOutputStream(wrong)) {
            out.putNextEntry(new ZipEntry("meta.xml"));
            org.knime.core.node.ModelContent meta = new org.knime.core.node.ModelContent("meta.xml");
            meta.addInt("version", 1);
            meta.addString("class_name", SegmentationModelPortObject.class.getName());
            meta.saveToXML(new java.io.FilterOutputStream(out) {
                @Override
                public void close() {
                    // keep the zip stream open
                }
            });
            out.closeEntry();
            out.putNextEntry(new ZipEntry("weights.bin"));
            out.write(1);
            out.closeEntry();
        }
        try (PortObjectZipInputStream in = PortUtil.getPortObjectZipInputStream(new ByteArrayInputStream(wrong.toByteArray()))) {
            IOException e = assertThrows(IOException.class, () -> new SegmentationModelPortObject.Serializer()
                .loadPortObject(in, Fixtures.model().getSpec(), new ExecutionMonitor()));
            assertEquals("Expected zip entry model.zip in the segmentation model port, got weights.bin", e.getMessage());
        }
        try (PortObjectZipInputStream in = PortUtil.getPortObjectZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SegmentationModelPortObject back = new SegmentationModelPortObject.Serializer().loadPortObject(in,
                Fixtures.model().getSpec(), new ExecutionMonitor());
            assertArrayEquals(Fixtures.model().getModelBytes(), back.getModelBytes());
        }
    }
}
