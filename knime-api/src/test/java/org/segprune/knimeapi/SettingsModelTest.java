package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnName;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelLong;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.defaultnodesettings.SettingsModelStringArray;

/** Persistence, validation and listeners of the SettingsModel family. */
class SettingsModelTest {

    private static NodeSettingsRO throughXml(final NodeSettings s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        return NodeSettings.loadFromXML(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void valuesAreStoredUnderConfigNameWithInternals() throws Exception {
        NodeSettings s = new NodeSettings("model");
        new SettingsModelDoubleBounded("ratio", 0.5, 0, 1).saveSettingsTo(s);
        new SettingsModelString("method", "sbca").saveSettingsTo(s);
        new SettingsModelIntegerBounded("epochs", 3, 1, 100).saveSettingsTo(s);
        new SettingsModelBoolean("global", true).saveSettingsTo(s);
        new SettingsModelLong("seed", 42L).saveSettingsTo(s);
        new SettingsModelStringArray("layers", new String[]{"a", "b"}).saveSettingsTo(s);

        assertEquals(0.5, s.getDouble("ratio"));
        assertEquals("SMID_double", s.getNodeSettings("ratio_Internals").getString("SettingsModelID"));
        assertTrue(s.getNodeSettings("ratio_Internals").getBoolean("EnabledStatus"));
        assertEquals("SMID_string", s.getNodeSettings("method_Internals").getString("SettingsModelID"));
        assertEquals("SMID_integer", s.getNodeSettings("epochs_Internals").getString("SettingsModelID"));
        assertEquals("SMID_boolean", s.getNodeSettings("global_Internals").getString("SettingsModelID"));
        assertEquals("SMN_long", s.getNodeSettings("seed_Internals").getString("SettingsModelID"));
        assertEquals("SMID_stringarray", s.getNodeSettings("layers_Internals").getString("SettingsModelID"));
        assertArrayEquals(new String[]{"a", "b"}, s.getStringArray("layers"));

        String xml;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        xml = out.toString(StandardCharsets.UTF_8);
        // as in KNIME: the internals config is written before the value
        assertTrue(xml.contains("""
                <config key="ratio_Internals">
                    <entry key="SettingsModelID" type="xstring" value="SMID_double"/>
                    <entry key="EnabledStatus" type="xboolean" value="true"/>
                </config>
                <entry key="ratio" type="xdouble" value="0.5"/>
            """), xml);
    }

    @Test
    void saveLoadRoundTripThroughXml() throws Exception {
        NodeSettings s = new NodeSettings("model");
        SettingsModelDoubleBounded ratio = new SettingsModelDoubleBounded("ratio", 0.5, 0, 1);
        SettingsModelString method = new SettingsModelString("method", "sbca");
        SettingsModelInteger epochs = new SettingsModelInteger("epochs", 3);
        ratio.setDoubleValue(0.9);
        method.setStringValue(null);
        epochs.setIntValue(7);
        ratio.saveSettingsTo(s);
        method.saveSettingsTo(s);
        epochs.saveSettingsTo(s);

        NodeSettingsRO back = throughXml(s);
        SettingsModelDoubleBounded ratio2 = new SettingsModelDoubleBounded("ratio", 0.5, 0, 1);
        SettingsModelString method2 = new SettingsModelString("method", "sbca");
        SettingsModelInteger epochs2 = new SettingsModelInteger("epochs", 3);
        ratio2.validateSettings(back);
        ratio2.loadSettingsFrom(back);
        method2.loadSettingsFrom(back);
        epochs2.loadSettingsFrom(back);
        assertEquals(0.9, ratio2.getDoubleValue());
        assertEquals(null, method2.getStringValue());
        assertEquals(7, epochs2.getIntValue());
    }

    @Test
    void loadingToleratesMissingInternals() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addInt("epochs", 5); // written by hand, as in a handmade workflow
        SettingsModelInteger epochs = new SettingsModelInteger("epochs", 3);
        epochs.validateSettings(s);
        epochs.loadSettingsFrom(s);
        assertEquals(5, epochs.getIntValue());
    }

    @Test
    void validationRejectsMissingAndOutOfRangeValues() {
        NodeSettings s = new NodeSettings("model");
        SettingsModelIntegerBounded epochs = new SettingsModelIntegerBounded("epochs", 3, 1, 10);
        assertThrows(InvalidSettingsException.class, () -> epochs.validateSettings(s));
        s.addInt("epochs", 11);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> epochs.validateSettings(s));
        assertTrue(e.getMessage().contains("[1...10]"), e.getMessage());
        assertEquals(3, epochs.getIntValue(), "validation does not change the model");
        assertThrows(IllegalArgumentException.class, () -> epochs.setIntValue(0));
        assertThrows(IllegalArgumentException.class, () -> new SettingsModelDoubleBounded("r", 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SettingsModelString("", "x"));
    }

    @Test
    void disabledModelsSkipValidationAndKeepTheirStatus() throws Exception {
        SettingsModelDouble lr = new SettingsModelDouble("lr", 1e-3);
        lr.setEnabled(false);
        NodeSettings s = new NodeSettings("model");
        lr.saveSettingsTo(s);
        assertFalse(s.getNodeSettings("lr_Internals").getBoolean("EnabledStatus"));
        NodeSettings broken = new NodeSettings("model");
        broken.addNodeSettings("lr_Internals");
        s.getNodeSettings("lr_Internals").copyTo(broken.getNodeSettings("lr_Internals"));
        SettingsModelDouble other = new SettingsModelDouble("lr", 0.1);
        other.validateSettings(broken); // value missing but saved disabled: fine
        other.loadSettingsFrom(broken);
        assertFalse(other.isEnabled());
        assertEquals(0.1, other.getDoubleValue());
    }

    @Test
    void columnNameIsStoredAsSubConfig() throws Exception {
        SettingsModelColumnName col = new SettingsModelColumnName("image_column", "image");
        NodeSettings s = new NodeSettings("model");
        col.saveSettingsTo(s);
        NodeSettingsRO sub = s.getNodeSettings("image_column");
        assertFalse(sub.getBoolean("useRowID"));
        assertEquals("image", sub.getString("columnName"));
        assertTrue(s.containsKey("image_column_Internals"));

        SettingsModelColumnName back = new SettingsModelColumnName("image_column", null);
        back.loadSettingsFrom(throughXml(s));
        assertEquals("image", back.getColumnName());
        assertFalse(back.useRowID());
    }

    @Test
    void listenersHearValueAndEnabledChanges() {
        SettingsModelString m = new SettingsModelString("k", "a");
        AtomicInteger calls = new AtomicInteger();
        m.addChangeListener(e -> calls.incrementAndGet());
        m.addChangeListener(e -> calls.incrementAndGet()); // a different listener object
        m.setStringValue("a");
        assertEquals(0, calls.get(), "no change, no event");
        m.setStringValue("b");
        m.setEnabled(false);
        assertEquals(4, calls.get());
    }

    @Test
    void cloneWithValidatedValueReadsTheSettings() throws Exception {
        SettingsModelInteger epochs = new SettingsModelInteger("epochs", 3);
        NodeSettings s = new NodeSettings("model");
        new SettingsModelInteger("epochs", 9).saveSettingsTo(s);
        SettingsModelInteger clone = epochs.createCloneWithValidatedValue(s);
        assertEquals(9, clone.getIntValue());
        assertEquals(3, epochs.getIntValue());
    }
}
