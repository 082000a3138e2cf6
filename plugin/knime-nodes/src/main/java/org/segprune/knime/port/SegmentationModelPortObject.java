package org.segprune.knime.port;

import java.awt.Font;
import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.segprune.model.SegmentationModel;
import org.segprune.step.ModelBytes;
import org.segprune.model.ModelSummary;
import org.segprune.evaluate.ModelDescription;
import org.segprune.graph.ModelSummaries;

/**
 * The Segmentation Model port object: a DL4J model zip as written by SegPrune's ModelIO (network,
 * weights and SegPrune's metadata, no optimizer state). The zip bytes are stored and restored
 * unchanged, so saving and loading a workflow never alters a model; the network is read from them
 * only when a node needs it.
 */
public final class SegmentationModelPortObject extends AbstractPortObject {

    /** Registered in plugin.xml as the object serializer. */
    public static final class Serializer extends AbstractPortObjectSerializer<SegmentationModelPortObject> {
    }

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(SegmentationModelPortObject.class);

    /** The optional port type. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(SegmentationModelPortObject.class, true);

    private static final String ENTRY = "model.zip";

    private SegmentationModelPortObjectSpec m_spec;

    private byte[] m_bytes;

    private SegmentationModel m_model;

    /** For the framework (loading); the content is read by {@link #load}. */
    public SegmentationModelPortObject() {
    }

    /** @param model the model to hold; it is serialised once, here */
    public SegmentationModelPortObject(final SegmentationModel model) {
        m_bytes = ModelBytes.toBytes(model);
        m_spec = new SegmentationModelPortObjectSpec(ModelSummaries.of(model));
        m_model = model;
    }

    /** @return the model (read from the stored bytes on first use) */
    public synchronized SegmentationModel getModel() {
        if (m_model == null) {
            m_model = ModelBytes.fromBytes(m_bytes);
        }
        return m_model;
    }

    /** @return a copy of the stored model zip */
    public byte[] getModelBytes() {
        return m_bytes.clone();
    }

    @Override
    public String getSummary() {
        ModelSummary s = m_spec.getModelSummary();
        String last = s.provenance().isEmpty() ? "" : "; last step: " + s.provenance().get(s.provenance().size() - 1);
        return s.oneLine() + last;
    }

    @Override
    public SegmentationModelPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        // the port holds a DL4J zip, whatever format the model was first read from
        return new JComponent[]{textView("Model", ModelDescription.of(getModel(), "dl4j").text(m_spec.getModelSummary()))};
    }

    static JComponent textView(final String name, final String text) {
        JTextArea area = new JTextArea(text);
        area.setEditable(false);
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        JScrollPane pane = new JScrollPane(area);
        pane.setName(name);
        return pane;
    }

    @Override
    protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        exec.checkCanceled();
        out.putNextEntry(new ZipEntry(ENTRY));
        out.write(m_bytes);
        out.closeEntry();
    }

    @Override
    protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !ENTRY.equals(entry.getName())) {
            throw new IOException("Expected zip entry " + ENTRY + " in the segmentation model port, got "
                + (entry == null ? "end of stream" : entry.getName()));
        }
        m_bytes = in.readAllBytes();
        m_spec = (SegmentationModelPortObjectSpec)spec;
        exec.checkCanceled();
    }
}
