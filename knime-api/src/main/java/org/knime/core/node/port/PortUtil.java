package org.knime.core.node.port;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;

/**
 * Framework methods to persist port objects and specs, as in KNIME: the zip streams handed to serializers start with
 * an entry {@code portObject.file} / {@code portSpec.file}; a whole port object is a zip with {@code content.xml}
 * (spec and object class names), {@code objectSpec.file} and {@code object.file}.
 */
public final class PortUtil {

    private PortUtil() {
    }

    public static PortObjectSpecZipOutputStream getPortObjectSpecZipOutputStream(final OutputStream in)
        throws IOException {
        PortObjectSpecZipOutputStream zipOut = new PortObjectSpecZipOutputStream(in);
        zipOut.putNextEntry(new ZipEntry("portSpec.file"));
        return zipOut;
    }

    public static PortObjectZipOutputStream getPortObjectZipOutputStream(final OutputStream in) throws IOException {
        PortObjectZipOutputStream zipOut = new PortObjectZipOutputStream(in);
        zipOut.putNextEntry(new ZipEntry("portObject.file"));
        return zipOut;
    }

    public static PortObjectSpecZipInputStream getPortObjectSpecZipInputStream(final InputStream in)
        throws IOException {
        PortObjectSpecZipInputStream zipIn = new PortObjectSpecZipInputStream(in);
        ZipEntry entry = zipIn.getNextEntry();
        if (entry == null || !"portSpec.file".equals(entry.getName())) {
            throw new IOException("Expected zip entry 'portSpec.file', got '"
                + (entry == null ? null : entry.getName()) + "'");
        }
        return zipIn;
    }

    public static PortObjectZipInputStream getPortObjectZipInputStream(final InputStream in) throws IOException {
        PortObjectZipInputStream zipIn = new PortObjectZipInputStream(in);
        ZipEntry entry = zipIn.getNextEntry();
        if (entry == null || !"portObject.file".equals(entry.getName())) {
            throw new IOException("Expected zip entry 'portObject.file', got '"
                + (entry == null ? null : entry.getName()) + "'");
        }
        return zipIn;
    }

    public static void writeObjectToFile(final PortObject po, final File file, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        try (OutputStream out = new FileOutputStream(file)) {
            writeObjectToStream(po, out, exec);
        }
    }

    /**
     * Writes spec and object with their registered serializers; the stream is not closed.
     *
     * @throws IOException also if no serializer is found for the spec or object class
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void writeObjectToStream(final PortObject po, final OutputStream output,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
        boolean buffered = output instanceof BufferedOutputStream || output instanceof ByteArrayOutputStream;
        OutputStream os = buffered ? output : new BufferedOutputStream(output);
        ZipOutputStream zipOut = new ZipOutputStream(EntryStreams.shielded(os));
        zipOut.setLevel(0);

        PortObjectSpec spec = po.getSpec();
        zipOut.putNextEntry(new ZipEntry("content.xml"));
        ModelContent toc = new ModelContent("content");
        toc.addInt("version", 1);
        toc.addString("port_spec_class", spec.getClass().getName());
        toc.addString("port_object_class", po.getClass().getName());
        toc.saveToXML(EntryStreams.entryOutput(zipOut));

        zipOut.putNextEntry(new ZipEntry("objectSpec.file"));
        PortObjectSpecZipOutputStream specOut =
            getPortObjectSpecZipOutputStream(EntryStreams.shielded((OutputStream)zipOut));
        PortObjectSpecSerializer specSer = PortTypeRegistry.getInstance().getSpecSerializer(spec.getClass())
            .orElseThrow(() -> new IOException("No serializer for spec class " + spec.getClass().getName()));
        specSer.savePortObjectSpec(spec, specOut);
        specOut.close();
        zipOut.closeEntry();

        zipOut.putNextEntry(new ZipEntry("object.file"));
        PortObjectZipOutputStream objOut = getPortObjectZipOutputStream(EntryStreams.shielded((OutputStream)zipOut));
        PortObjectSerializer objSer = PortTypeRegistry.getInstance().getObjectSerializer(po.getClass())
            .orElseThrow(() -> new IOException("No serializer for port object class " + po.getClass().getName()));
        objSer.savePortObject(po, objOut, exec);
        objOut.close();
        zipOut.closeEntry();
        zipOut.finish();
        os.flush();
    }

    public static PortObject readObjectFromFile(final File file, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        try (InputStream in = new FileInputStream(file)) {
            return readObjectFromStream(in, exec);
        }
    }

    /** Counterpart of {@link #writeObjectToStream(PortObject, OutputStream, ExecutionMonitor)}. */
    public static PortObject readObjectFromStream(final InputStream input, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(input))) {
            String[] classes = readToc(in);
            PortObjectSpec spec = readObjectSpec(classes[0], in);
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"object.file".equals(entry.getName())) {
                throw new IOException("Invalid stream, expected zip entry \"object.file\", got \""
                    + (entry == null ? null : entry.getName()) + "\"");
            }
            Class<? extends PortObject> cl;
            try {
                cl = PortTypeRegistry.getInstance().getObjectClass(classes[1])
                    .orElseThrow(() -> new IOException("Can't load class \"" + classes[1] + "\""));
            } catch (ClassCastException e) {
                throw new IOException(e.getMessage(), e);
            }
            PortObjectZipInputStream objIn = getPortObjectZipInputStream(EntryStreams.shielded(in));
            PortObjectSerializer<?> objSer = PortTypeRegistry.getInstance().getObjectSerializer(cl)
                .orElseThrow(() -> new IOException("No serializer for port object class " + cl.getName()));
            return objSer.loadPortObject(objIn, spec, exec);
        }
    }

    public static PortObjectSpec readObjectSpecFromFile(final File file) throws IOException {
        return readObjectSpecFromStream(new BufferedInputStream(new FileInputStream(file)));
    }

    /** Reads only the spec of a stream written by writeObjectToStream; the stream is closed. */
    public static PortObjectSpec readObjectSpecFromStream(final InputStream stream) throws IOException {
        try (ZipInputStream in = new ZipInputStream(stream)) {
            String[] classes = readToc(in);
            return readObjectSpec(classes[0], in);
        }
    }

    private static String[] readToc(final ZipInputStream in) throws IOException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !"content.xml".equals(entry.getName())) {
            throw new IOException("Invalid stream, expected zip entry \"content.xml\", got \""
                + (entry == null ? null : entry.getName()) + "\"");
        }
        ModelContentRO toc = ModelContent.loadFromXML(EntryStreams.entryInput(in));
        try {
            return new String[]{toc.getString("port_spec_class"), toc.getString("port_object_class")};
        } catch (InvalidSettingsException e) {
            throw new IOException("Can't parse content file", e);
        }
    }

    private static PortObjectSpec readObjectSpec(final String specClassName, final ZipInputStream in)
        throws IOException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !"objectSpec.file".equals(entry.getName())) {
            throw new IOException("Invalid stream, expected zip entry \"objectSpec.file\", got \""
                + (entry == null ? null : entry.getName()) + "\"");
        }
        Class<? extends PortObjectSpec> cl;
        try {
            cl = PortTypeRegistry.getInstance().getSpecClass(specClassName)
                .orElseThrow(() -> new IOException("Can't load class \"" + specClassName + "\""));
        } catch (ClassCastException e) {
            throw new IOException(e.getMessage(), e);
        }
        PortObjectSpecZipInputStream specIn = getPortObjectSpecZipInputStream(EntryStreams.shielded(in));
        PortObjectSpecSerializer<?> serializer = PortTypeRegistry.getInstance().getSpecSerializer(cl)
            .orElseThrow(() -> new IOException("No serializer for spec class " + cl.getName()));
        PortObjectSpec spec = serializer.loadPortObjectSpec(specIn);
        in.closeEntry();
        return spec;
    }
}
