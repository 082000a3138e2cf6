package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.ConfigWO;

/** The settings tree of a node (what a node's settings.xml holds); sub configs are NodeSettings too. */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    private static final long serialVersionUID = 1L;

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    /**
     * Reads a settings tree from an XMLConfig document; the root key is taken from the document. The stream is
     * closed by this call.
     */
    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        NodeSettings tmp = new NodeSettings("ignored");
        return (NodeSettingsRO)Config.loadFromXML(tmp, in);
    }

    @Override
    public void copyTo(final ConfigWO dest) {
        super.copyTo(dest);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)super.addConfig(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        super.addConfig(settings);
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        return (NodeSettings)super.getConfig(key);
    }
}
