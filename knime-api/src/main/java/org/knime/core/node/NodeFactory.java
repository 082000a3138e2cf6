package org.knime.core.node;

import java.io.IOException;
import java.net.URL;

import org.apache.xmlbeans.XmlException;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Creates a node's model, dialog and views, and provides its description, read from {@code <FactorySimpleName>.xml}
 * next to the factory class (walking up superclasses). A missing file gives an empty description; the node still
 * loads.
 *
 * @param <T> the node model class
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** Node kinds (the {@code type} attribute of a node description). */
    public static enum NodeType {
        /** A data producing node. */
        Source,
        /** A data consuming node. */
        Sink,
        /** A learning node. */
        Learner,
        /** A predicting node. */
        Predictor,
        /** A data manipulating node. */
        Manipulator,
        /** A visualizing node. */
        Visualizer,
        /** A widget node. */
        Widget,
        /** A meta node. */
        Meta,
        /** Start node of a loop. */
        LoopStart,
        /** End node of a loop. */
        LoopEnd,
        /** Start node of a scope. */
        ScopeStart,
        /** End node of a scope. */
        ScopeEnd,
        /** A node contributing to quick/web form. */
        QuickForm,
        /** A configuration node. */
        Configuration,
        /** All other nodes. */
        Other,
        /** A missing node (framework use only). */
        Missing,
        /** If not specified. */
        Unknown,
        /** A component. */
        Subnode,
        /** Virtual input of a component. */
        VirtualIn,
        /** Virtual output of a component. */
        VirtualOut,
        /** A container node. */
        Container
    }

    private final NodeLogger m_logger = NodeLogger.getLogger(getClass());

    private NodeDescription m_nodeDescription;

    private URL m_icon;

    private boolean m_initialized;

    /** Creates the factory and reads the node description. */
    protected NodeFactory() {
        this(false);
    }

    /** @param lazyInitialization if {@code true}, the description is read when {@link #init()} is called */
    protected NodeFactory(final boolean lazyInitialization) {
        if (!lazyInitialization) {
            init();
        }
    }

    /** Creates the node description; the default reads the factory's XML file. */
    protected NodeDescription createNodeDescription() throws SAXException, IOException, XmlException {
        return XmlNodeDescription.forFactory(getClass());
    }

    /** Reads the description (once); errors are logged and give an empty description. */
    public synchronized void init() {
        if (m_initialized) {
            return;
        }
        try {
            m_nodeDescription = createNodeDescription();
        } catch (SAXException | IOException | XmlException ex) {
            m_logger.error("Broken or unreadable node description of " + getClass().getName() + ": "
                + ex.getMessage(), ex);
            m_nodeDescription = null;
        }
        if (m_nodeDescription == null) {
            m_nodeDescription = new XmlNodeDescription.Empty(getClass());
        }
        m_icon = resolveIcon(m_nodeDescription.getIconPath());
        m_initialized = true;
    }

    private NodeDescription description() {
        if (!m_initialized) {
            init();
        }
        return m_nodeDescription;
    }

    /** Resolves the icon path relative to the factory's package (or absolute from the class path root). */
    private URL resolveIcon(final String path) {
        if (path == null || path.trim().isEmpty()) {
            return null;
        }
        String imagePath = path.replace("//", "/");
        if (imagePath.startsWith("./")) {
            imagePath = imagePath.substring(2);
        }
        if (!imagePath.startsWith("/")) {
            imagePath = getClass().getPackage().getName().replace('.', '/') + "/" + imagePath;
            String previous;
            do {
                previous = imagePath;
                imagePath = imagePath.replaceFirst("[^./]+/\\.\\./", "");
            } while (!previous.equals(imagePath));
        } else {
            imagePath = imagePath.substring(1);
        }
        ClassLoader cl = getClass().getClassLoader();
        return cl == null ? null : cl.getResource(imagePath);
    }

    /** @return the root element of the XML description, or {@code null} */
    public Element getXMLDescription() {
        return description().getXMLDescription();
    }

    /** Loads settings saved by {@link #saveAdditionalFactorySettings(ConfigWO)} (dynamic factories only). */
    public void loadAdditionalFactorySettings(final ConfigRO config) throws InvalidSettingsException {
        init();
    }

    /** Saves additional settings of dynamic factories; the default saves nothing. */
    public void saveAdditionalFactorySettings(final ConfigWO config) {
        // nothing by default
    }

    public final String getNodeName() {
        return description().getNodeName();
    }

    public String getInportName(final int index) {
        String name = description().getInportName(index);
        return name == null ? "No name available" : name;
    }

    public String getOutportName(final int index) {
        String name = description().getOutportName(index);
        return name == null ? "No name available" : name;
    }

    public final String getInportDescription(final int index) {
        String d = description().getInportDescription(index);
        return d == null ? "No description available" : d;
    }

    public final String getOutportDescription(final int index) {
        String d = description().getOutportDescription(index);
        return d == null ? "No description available" : d;
    }

    protected final String getViewDescription(final int index) {
        String d = description().getViewDescription(index);
        return d == null ? "No description available" : d;
    }

    /** @return whether the description marks the node as deprecated */
    public final boolean isDeprecated() {
        return description().isDeprecated();
    }

    /** @return a new model; never {@code null} */
    public abstract T createNodeModel();

    /** @return the number of (classic Swing) views */
    protected abstract int getNrNodeViews();

    /** @throws IndexOutOfBoundsException if the index is invalid */
    public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

    /** @return whether {@link #createNodeDialogPane()} provides a dialog */
    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();

    /** @return the icon URL or {@code null} if the description names none or it can't be found */
    public URL getIcon() {
        description();
        return m_icon;
    }

    /** @return the node type from the description ({@link NodeType#Unknown} if absent) */
    public NodeType getType() {
        return description().getType();
    }

    public String getInteractiveViewName() {
        return description().getInteractiveViewName();
    }
}
