package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** Zip stream handed to serializers; instances come from {@link PortUtil} (the constructor is package-private). */
public class PortObjectZipOutputStream extends ZipOutputStream {

    PortObjectZipOutputStream(final OutputStream out) {
        super(out);
    }
}
