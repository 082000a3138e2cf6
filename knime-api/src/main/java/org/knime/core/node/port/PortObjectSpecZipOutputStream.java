package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** Zip stream handed to serializers; instances come from {@link PortUtil} (the constructor is package-private). */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {

    PortObjectSpecZipOutputStream(final OutputStream out) {
        super(out);
    }
}
