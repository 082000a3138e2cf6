package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * Base class of port objects whose content fits a {@link ModelContent} tree. Subclasses need a public no-arg
 * constructor and a serializer {@code public static final class Serializer extends
 * AbstractSimplePortObjectSerializer<MyObject> {}}.
 */
public abstract class AbstractSimplePortObject implements PortObject {

    /**
     * Writes zip entry {@code content.xml} with {@code class_name} and the object's content in sub config
     * {@code model}.
     *
     * @param <T> the port object class
     */
    public abstract static class AbstractSimplePortObjectSerializer<T extends AbstractSimplePortObject>
        extends PortObjectSerializer<T> {

        @SuppressWarnings("unchecked")
        @Override
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"content.xml".equals(entry.getName())) {
                throw new IOException("Expected zip entry content.xml, got "
                    + (entry == null ? "end of stream" : entry.getName()));
            }
            ModelContentRO model = ModelContent.loadFromXML(EntryStreams.entryInput(in));
            String className;
            try {
                className = model.getString("class_name");
            } catch (InvalidSettingsException e) {
                throw new IOException("Unable to load settings", e);
            }
            Class<? extends PortObject> cl = PortTypeRegistry.getInstance().getObjectClass(className)
                .orElseThrow(() -> new IOException("Unable to load class " + className));
            if (!AbstractSimplePortObject.class.isAssignableFrom(cl)) {
                throw new IOException(
                    "Class \"" + className + "\" is not of type " + AbstractSimplePortObject.class.getSimpleName());
            }
            AbstractSimplePortObject result;
            try {
                result = cl.asSubclass(AbstractSimplePortObject.class).getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IOException("Failed to instantiate class \"" + cl.getSimpleName()
                    + "\" (failed to invoke public no-arg constructor): " + e.getMessage(), e);
            }
            try {
                result.load(model.getModelContent("model"), spec, exec);
            } catch (InvalidSettingsException e) {
                throw new IOException(
                    "Unable to load model content into \"" + cl.getSimpleName() + "\": " + e.getMessage(), e);
            }
            return (T)result;
        }

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ModelContent model = new ModelContent("model.xml");
            model.addInt("version", 1);
            model.addString("class_name", portObject.getClass().getName());
            portObject.save(model.addModelContent("model"), exec);
            out.putNextEntry(new ZipEntry("content.xml"));
            model.saveToXML(EntryStreams.entryOutput(out));
        }
    }

    /** Public no-arg constructor; subclasses need one too (used when loading). */
    public AbstractSimplePortObject() {
    }

    protected abstract void save(final ModelContentWO model, final ExecutionMonitor exec)
        throws CanceledExecutionException;

    protected abstract void load(final ModelContentRO model, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws InvalidSettingsException, CanceledExecutionException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object oport) {
        if (oport == this) {
            return true;
        }
        if (oport == null || !getClass().equals(oport.getClass())) {
            return false;
        }
        return content(this).equals(content((AbstractSimplePortObject)oport));
    }

    @Override
    public int hashCode() {
        return content(this).hashCode();
    }

    private static ModelContent content(final AbstractSimplePortObject o) {
        ModelContent c = new ModelContent("ignored");
        try {
            o.save(c, new ExecutionMonitor());
        } catch (CanceledExecutionException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }
}
