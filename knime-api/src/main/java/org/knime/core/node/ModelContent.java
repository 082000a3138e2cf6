package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;

/** A settings tree used for model/port content (e.g. meta.xml and content.xml of port objects). */
public final class ModelContent extends Config implements ModelContentRO, ModelContentWO {

    private static final long serialVersionUID = 1L;

    public ModelContent(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new ModelContent(key);
    }

    /** Reads a model content tree from an XMLConfig document. The stream is closed by this call. */
    public static synchronized ModelContentRO loadFromXML(final InputStream in) throws IOException {
        ModelContent tmp = new ModelContent("ignored");
        return (ModelContent)Config.loadFromXML(tmp, in);
    }

    @Override
    public void addModelContent(final ModelContent modelContent) {
        super.addConfig(modelContent);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return (ModelContent)super.addConfig(key);
    }

    @Override
    public ModelContent getModelContent(final String key) throws InvalidSettingsException {
        return (ModelContent)super.getConfig(key);
    }
}
