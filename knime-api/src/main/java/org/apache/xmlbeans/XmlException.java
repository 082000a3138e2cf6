package org.apache.xmlbeans;

/**
 * Stand-in for Apache XMLBeans' XmlException (real: bundle org.apache.xmlbeans), present only so that
 * {@code NodeFactory.createNodeDescription()} declares its exact throws clause.
 */
public class XmlException extends Exception {

    private static final long serialVersionUID = 1L;

    public XmlException(final String message) {
        super(message);
    }

    public XmlException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public XmlException(final Throwable cause) {
        super(cause);
    }
}
