package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.swing.JComponent;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.core.node.port.PortUtil;
import org.segprune.knimetest.TestPortObjects;

/** A tiny model port object with a simple spec, saved and loaded the way KNIME does. */
class PortObjectRoundTripTest {

    /** Spec: architecture name and channel counts. */
    public static final class TinySpec extends AbstractSimplePortObjectSpec {

        /** As registered in plugin.xml (specSerializer). */
        public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<TinySpec> {
        }

        private String m_arch;

        private int[] m_channels;

        public TinySpec() {
        }

        TinySpec(final String arch, final int... channels) {
            m_arch = arch;
            m_channels = channels;
        }

        @Override
        protected void save(final ModelContentWO model) {
            model.addString("arch", m_arch);
            model.addIntArray("channels", m_channels);
        }

        @Override
        protected void load(final ModelContentRO model) throws InvalidSettingsException {
            m_arch = model.getString("arch");
            m_channels = model.getIntArray("channels");
        }
    }

    /** Port object: the spec plus binary weights in an extra zip entry. */
    public static final class TinyModel extends AbstractPortObject {

        /** As registered in plugin.xml (objectSerializer). */
        public static final class Serializer extends AbstractPortObjectSerializer<TinyModel> {
        }

        public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(TinyModel.class);

        private TinySpec m_spec;

        private float[] m_weights;

        public TinyModel() {
        }

        TinyModel(final TinySpec spec, final float... weights) {
            m_spec = spec;
            m_weights = weights;
        }

        @Override
        public String getSummary() {
            return m_spec.m_arch + " with " + m_weights.length + " weights";
        }

        @Override
        public TinySpec getSpec() {
            return m_spec;
        }

        @Override
        public JComponent[] getViews() {
            return new JComponent[0];
        }

        @Override
        protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry("weights.bin"));
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(m_weights.length);
            for (float w : m_weights) {
                exec.checkCanceled();
                data.writeFloat(w);
            }
            data.flush();
            out.closeEntry();
        }

        @Override
        protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
            ZipEntry entry = in.getNextEntry();
            if (!"weights.bin".equals(entry.getName())) {
                throw new IOException("unexpected entry " + entry.getName());
            }
            DataInputStream data = new DataInputStream(in);
            m_weights = new float[data.readInt()];
            for (int i = 0; i < m_weights.length; i++) {
                m_weights[i] = data.readFloat();
            }
            m_spec = (TinySpec)spec;
        }
    }

    private static List<String> entries(final byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void portTypesComeFromTheRegistry() {
        assertSame(TinyModel.TYPE, PortTypeRegistry.getInstance().getPortType(TinyModel.class));
        assertEquals(TinySpec.class, TinyModel.TYPE.getPortObjectSpecClass());
        assertEquals(TinyModel.class, TinyModel.TYPE.getPortObjectClass());
        assertFalse(TinyModel.TYPE.isOptional());
        assertTrue(PortTypeRegistry.getInstance().getPortType(TinyModel.class, true).isOptional());
        assertEquals(TinyModel.TYPE, PortTypeRegistry.getInstance().getPortType(TinyModel.class, true));
        assertEquals("Data", BufferedDataTable.TYPE.getName());
        assertTrue(BufferedDataTable.TYPE_OPTIONAL.isOptional());
        assertTrue(PortObject.TYPE.isSuperTypeOf(TinyModel.TYPE));
        assertEquals(TinyModel.class,
            PortTypeRegistry.getInstance().getObjectClass(TinyModel.class.getName()).orElseThrow());
        assertTrue(PortTypeRegistry.getInstance().getObjectClass("no.such.Clazz").isEmpty());
        assertThrows(ClassCastException.class, () -> PortTypeRegistry.getInstance().getObjectClass("java.lang.String"));
    }

    @Test
    void serializersWriteAndReadThroughPortUtilStreams() throws Exception {
        TinySpec spec = new TinySpec("unet", 16, 32);
        TinyModel model = new TinyModel(spec, 0.5f, -1.25f, 3f);

        ByteArrayOutputStream specBytes = new ByteArrayOutputStream();
        PortObjectSpecZipOutputStream specOut = PortUtil.getPortObjectSpecZipOutputStream(specBytes);
        new TinySpec.Serializer().savePortObjectSpec(spec, specOut);
        specOut.close();
        assertEquals(List.of("portSpec.file", "content.xml"), entries(specBytes.toByteArray()));

        ByteArrayOutputStream objBytes = new ByteArrayOutputStream();
        PortObjectZipOutputStream objOut = PortUtil.getPortObjectZipOutputStream(objBytes);
        new TinyModel.Serializer().savePortObject(model, objOut, new ExecutionMonitor());
        objOut.close();
        assertEquals(List.of("portObject.file", "meta.xml", "weights.bin"), entries(objBytes.toByteArray()));

        PortObjectSpecZipInputStream specIn =
            PortUtil.getPortObjectSpecZipInputStream(new ByteArrayInputStream(specBytes.toByteArray()));
        TinySpec specBack = new TinySpec.Serializer().loadPortObjectSpec(specIn);
        assertEquals(spec, specBack);
        assertNotSame(spec, specBack);

        PortObjectZipInputStream objIn =
            PortUtil.getPortObjectZipInputStream(new ByteArrayInputStream(objBytes.toByteArray()));
        TinyModel back = new TinyModel.Serializer().loadPortObject(objIn, specBack, new ExecutionMonitor());
        assertArrayEquals(new float[]{0.5f, -1.25f, 3f}, back.m_weights);
        assertSame(specBack, back.getSpec());
        assertEquals("unet with 3 weights", back.getSummary());
    }

    @Test
    void wholePortObjectRoundTripsThroughTheRegistry() throws Exception {
        TinyModel model = new TinyModel(new TinySpec("deeplab", 8), 1f, 2f);
        assertEquals(List.of("content.xml", "objectSpec.file", "object.file"), entries(TestPortObjects.toBytes(model)));
        TinyModel back = TestPortObjects.roundTrip(model);
        assertNotSame(model, back);
        assertArrayEquals(model.m_weights, back.m_weights);
        assertEquals(model.getSpec(), back.getSpec());
        assertEquals(model.getSpec(), TestPortObjects.roundTripSpec(model.getSpec()));
        assertEquals(model.getSpec(), PortUtil.readObjectSpecFromStream(
            new ByteArrayInputStream(TestPortObjects.toBytes(model))));
    }

    @Test
    void specsCompareByContent() {
        assertEquals(new TinySpec("a", 1, 2), new TinySpec("a", 1, 2));
        assertEquals(new TinySpec("a", 1, 2).hashCode(), new TinySpec("a", 1, 2).hashCode());
        assertFalse(new TinySpec("a", 1, 2).equals(new TinySpec("a", 1, 3)));
    }

    @Test
    void loadingAStreamWithoutMetaFails() throws Exception {
        ByteArrayOutputStream objBytes = new ByteArrayOutputStream();
        PortObjectZipOutputStream objOut = PortUtil.getPortObjectZipOutputStream(objBytes);
        objOut.putNextEntry(new ZipEntry("other"));
        objOut.close();
        PortObjectZipInputStream in =
            PortUtil.getPortObjectZipInputStream(new ByteArrayInputStream(objBytes.toByteArray()));
        assertThrows(IOException.class,
            () -> new TinyModel.Serializer().loadPortObject(in, new TinySpec("x"), new ExecutionMonitor()));
        assertThrows(IOException.class, () -> PortUtil.getPortObjectZipInputStream(
            new ByteArrayInputStream(new byte[0])));
    }
}
