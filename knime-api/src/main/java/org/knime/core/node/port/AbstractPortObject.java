package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;

/**
 * Base class of port objects that write themselves to a zip stream. Subclasses need a public no-arg constructor and
 * a serializer, which is just {@code public static final class Serializer extends
 * AbstractPortObjectSerializer<MyPortObject> {}}. {@code getSummary()}, {@code getSpec()} and {@code getViews()}
 * stay abstract.
 */
public abstract class AbstractPortObject implements PortObject {

    /**
     * Writes zip entry {@code meta.xml} (ModelContent with {@code version} = 1 and {@code class_name}) and then calls
     * {@link AbstractPortObject#save}; loading reads meta.xml, resolves the class through {@link PortTypeRegistry},
     * instantiates it with its no-arg constructor and calls {@link AbstractPortObject#load}.
     *
     * @param <T> the port object class
     */
    public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject>
        extends PortObjectSerializer<T> {

        @SuppressWarnings("unchecked")
        @Override
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"meta.xml".equals(entry.getName())) {
                throw new IOException("Expected meta.xml file in stream, got "
                    + (entry == null ? "end of stream" : entry.getName()));
            }
            ModelContentRO meta = ModelContent.loadFromXML(EntryStreams.entryInput(in));
            String className;
            try {
                className = meta.getString("class_name");
            } catch (InvalidSettingsException e) {
                throw new IOException("Unable to load settings", e);
            }
            Class<? extends PortObject> cl = PortTypeRegistry.getInstance().getObjectClass(className)
                .orElseThrow(() -> new IOException("Unable to load class " + className));
            if (!AbstractPortObject.class.isAssignableFrom(cl)) {
                throw new IOException(
                    "Class \"" + className + "\" is not of type " + AbstractPortObject.class.getSimpleName());
            }
            AbstractPortObject result;
            try {
                result = cl.asSubclass(AbstractPortObject.class).getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IOException("Failed to instantiate class \"" + cl.getSimpleName()
                    + "\" (failed to invoke public no-arg constructor): " + e.getMessage(), e);
            }
            result.load(in, spec, exec);
            return (T)result;
        }

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry("meta.xml"));
            ModelContent meta = new ModelContent("meta.xml");
            meta.addInt("version", 1);
            meta.addString("class_name", portObject.getClass().getName());
            meta.saveToXML(EntryStreams.entryOutput(out));
            portObject.save(out, exec);
        }
    }

    /** Public no-arg constructor; subclasses need one too (used when loading). */
    public AbstractPortObject() {
    }

    /** Writes the content, typically as further zip entries ({@code out.putNextEntry(...)}). */
    protected abstract void save(final PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    /** Restores the content into this freshly created object; {@code spec} can be cast to the expected class. */
    protected abstract void load(final PortObjectZipInputStream in, final PortObjectSpec spec,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException;
}
