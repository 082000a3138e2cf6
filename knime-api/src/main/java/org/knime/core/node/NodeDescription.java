package org.knime.core.node;

import org.knime.core.node.NodeFactory.NodeType;
import org.w3c.dom.Element;

/**
 * The meta information of a node (name, icon, ports, views), usually read from the XML file next to the factory.
 * The constructor is package-private in this subset: node code only receives descriptions.
 */
public abstract class NodeDescription {

    private boolean m_deprecated;

    NodeDescription() {
    }

    /** @return the icon path, absolute or relative to the factory's package, or {@code null} */
    public abstract String getIconPath();

    public abstract String getInportDescription(final int index);

    public abstract String getInportName(final int index);

    public abstract String getInteractiveViewName();

    public abstract String getNodeName();

    public abstract String getOutportDescription(final int index);

    public abstract String getOutportName(final int index);

    public abstract NodeType getType();

    public abstract int getViewCount();

    public abstract String getViewDescription(final int index);

    public abstract String getViewName(final int index);

    /** @return the root element of the XML description or {@code null} */
    public abstract Element getXMLDescription();

    public boolean isDeprecated() {
        return m_deprecated;
    }

    void setDeprecated(final boolean deprecated) {
        m_deprecated = deprecated;
    }
}
