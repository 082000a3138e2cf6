package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * Base class of specs whose content fits a {@link ModelContent} tree. Subclasses need a public no-arg constructor and
 * a serializer {@code public static final class Serializer extends
 * AbstractSimplePortObjectSpecSerializer<MySpec> {}}. Equality and hash code compare the saved content.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    /**
     * Writes zip entry {@code content.xml}: a ModelContent with {@code version} = 1, {@code class_name} and the
     * spec's own content in sub config {@code model}.
     *
     * @param <T> the spec class
     */
    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"content.xml".equals(entry.getName())) {
                throw new IOException("Expected zip entry content.xml, got "
                    + (entry == null ? "end of stream" : entry.getName()));
            }
            ModelContentRO model = ModelContent.loadFromXML(EntryStreams.entryInput(in));
            try {
                return loadPortObjectSpecFromModelSettings(model);
            } catch (ClassNotFoundException ex) {
                throw new IOException("Unable to load class " + model.getString("class_name", null), ex);
            } catch (InstantiationException | IllegalAccessException ex) {
                throw new IOException("Failed to instantiate class \"" + model.getString("class_name", null)
                    + "\" (failed to invoke no-arg constructor): " + ex.getMessage(), ex);
            }
        }

        @Override
        public void savePortObjectSpec(final T portObjectSpec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            ModelContent model = new ModelContent("model.xml");
            savePortObjectSpecToModelSettings(portObjectSpec, model);
            out.putNextEntry(new ZipEntry("content.xml"));
            model.saveToXML(out);
        }

        /**
         * Creates and loads a spec from model content written by
         * {@link #savePortObjectSpecToModelSettings(AbstractSimplePortObjectSpec, ModelContentWO)}.
         *
         * @throws ClassCastException if the stored class is no AbstractSimplePortObjectSpec
         */
        @SuppressWarnings("unchecked")
        public static <T extends AbstractSimplePortObjectSpec> T loadPortObjectSpecFromModelSettings(
            final ModelContentRO model)
            throws IOException, ClassNotFoundException, InstantiationException, IllegalAccessException {
            String className;
            try {
                className = model.getString("class_name");
            } catch (InvalidSettingsException e) {
                throw new IOException("Unable to load settings", e);
            }
            Class<? extends PortObjectSpec> cl = PortTypeRegistry.getInstance().getSpecClass(className)
                .orElseThrow(() -> new ClassNotFoundException(className));
            if (!AbstractSimplePortObjectSpec.class.isAssignableFrom(cl)) {
                throw new ClassCastException("Class \"" + className + "\" is not of type "
                    + AbstractSimplePortObjectSpec.class.getSimpleName());
            }
            AbstractSimplePortObjectSpec result;
            try {
                result = cl.asSubclass(AbstractSimplePortObjectSpec.class).getConstructor().newInstance();
            } catch (NoSuchMethodException | java.lang.reflect.InvocationTargetException e) {
                InstantiationException ie = new InstantiationException(e.getMessage());
                ie.initCause(e);
                throw ie;
            }
            try {
                result.load(model.getModelContent("model"));
                return (T)result;
            } catch (InvalidSettingsException e) {
                throw new IOException(
                    "Unable to load model content into \"" + cl.getSimpleName() + "\": " + e.getMessage(), e);
            }
        }

        /** Writes {@code version}, {@code class_name} and the spec's content (sub config {@code model}). */
        public static <T extends AbstractSimplePortObjectSpec> void savePortObjectSpecToModelSettings(final T spec,
            final ModelContentWO model) {
            model.addInt("version", 1);
            model.addString("class_name", spec.getClass().getName());
            spec.save(model.addModelContent("model"));
        }
    }

    /** Public no-arg constructor; subclasses need one too (used when loading). */
    public AbstractSimplePortObjectSpec() {
    }

    protected abstract void save(final ModelContentWO model);

    protected abstract void load(final ModelContentRO model) throws InvalidSettingsException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object ospec) {
        if (ospec == this) {
            return true;
        }
        if (ospec == null || !getClass().equals(ospec.getClass())) {
            return false;
        }
        ModelContent tcont = new ModelContent("ignored");
        ModelContent ocont = new ModelContent("ignored");
        save(tcont);
        ((AbstractSimplePortObjectSpec)ospec).save(ocont);
        return tcont.equals(ocont);
    }

    @Override
    public int hashCode() {
        ModelContent tcont = new ModelContent("ignored");
        save(tcont);
        return tcont.hashCode();
    }
}
