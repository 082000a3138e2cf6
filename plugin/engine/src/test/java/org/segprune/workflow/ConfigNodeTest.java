package org.segprune.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.segprune.util.SegPruneException;

/** Reading KNIME's XMLConfig format without KNIME. */
class ConfigNodeTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config xmlns="http://www.knime.org/2008/09/XMLConfig" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.knime.org/2008/09/XMLConfig http://www.knime.org/XMLConfig_2008_09.xsd" key="settings.xml">
                <entry key="factory" type="xstring" value="a.b.C"/>
                <config key="model">
                    <config key="epochs_Internals">
                        <entry key="SettingsModelID" type="xstring" value="SMID_integer"/>
                    </config>
                    <entry key="epochs" type="xint" value="12"/>
                    <entry key="note" type="xstring" value="line1%%00010line2 &amp; &lt;tag&gt; 100%"/>
                    <entry key="nothing" type="xstring" isnull="true" value=""/>
                </config>
            </config>
            """;

    private static ConfigNode parse(String xml) throws Exception {
        return ConfigNode.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void entriesSubConfigsEscapesAndNullsAreRead() throws Exception {
        ConfigNode root = parse(XML);
        assertEquals("settings.xml", root.key());
        assertEquals("a.b.C", root.string("factory"));
        ConfigNode model = root.child("model");
        assertEquals(12, model.integer("epochs"));
        assertEquals("xint", model.entries().get("epochs").type());
        assertEquals("line1\nline2 & <tag> 100%", model.string("note"));
        assertNull(model.string("nothing"));
        assertEquals("fallback", model.string("nothing", "fallback"));
    }

    @Test
    void flatValuesSkipTheSettingsModelInternals() throws Exception {
        assertEquals(java.util.List.of("epochs", "note", "nothing"),
                java.util.List.copyOf(parse(XML).child("model").flatValues().keySet()));
        assertEquals("", parse(XML).child("model").flatValues().get("nothing"));
    }

    @Test
    void aFileThatIsNotAnXmlConfigIsRejected() {
        SegPruneException e = assertThrows(SegPruneException.class, () -> parse("<workflow/>"));
        assertEquals("'test' is not a KNIME XML config file: its root element is <workflow>, not <config>", e.getMessage());
        assertThrows(SegPruneException.class, () -> parse("not xml"));
    }
}
