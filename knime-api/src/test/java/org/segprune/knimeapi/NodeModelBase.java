package org.segprune.knimeapi;

import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortType;

/** Checks that NodeModel can be extended through an intermediate abstract class, as plug-ins often do. */
abstract class NodeModelBase extends NodeModel {

    NodeModelBase(final PortType[] in, final PortType[] out) {
        super(in, out);
    }
}
