package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.config.Config;

/** XMLConfig reading and writing of settings trees, checked against KNIME's on-disk format. */
class SettingsXmlTest {

    private static final String NS = "xmlns=\"http://www.knime.org/2008/09/XMLConfig\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        + "xsi:schemaLocation=\"http://www.knime.org/2008/09/XMLConfig http://www.knime.org/XMLConfig_2008_09.xsd\"";

    /** A node settings.xml as KNIME 5.x writes it (un-executed node). */
    private static final String KNIME_SETTINGS_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <config NAMESPACES key="settings.xml">
            <entry key="node_file" type="xstring" value="settings.xml"/>
            <config key="flow_stack"/>
            <config key="internal_node_subsettings">
                <entry key="memory_policy" type="xstring" value="CacheSmallInMemory"/>
            </config>
            <config key="model">
                <entry key="ratio" type="xdouble" value="0.5"/>
                <config key="ratio_Internals">
                    <entry key="SettingsModelID" type="xstring" value="SMID_double"/>
                    <entry key="EnabledStatus" type="xboolean" value="true"/>
                </config>
                <config key="layers">
                    <entry key="array-size" type="xint" value="2"/>
                    <entry key="0" type="xstring" value="conv1"/>
                    <entry key="1" type="xstring" value="conv2"/>
                </config>
                <entry key="note" type="xstring" value="line1%%00010line2 &amp; &lt;tag&gt; &quot;q&quot;"/>
                <entry key="seed" type="xlong" value="12345678901"/>
                <entry key="epochs" type="xint" value="3"/>
            </config>
            <entry key="customDescription" type="xstring" isnull="true" value=""/>
            <entry key="state" type="xstring" value="CONFIGURED"/>
            <entry key="factory" type="xstring" value="org.segprune.knime.prune.SegPrunerNodeFactory"/>
            <entry key="node-feature-name" type="xstring" isnull="true" value=""/>
            <entry key="node-feature-version" type="xstring" value="0.0.0"/>
            <config key="factory_settings"/>
            <entry key="name" type="xstring" value="Seg Pruner"/>
            <entry key="hasContent" type="xboolean" value="false"/>
            <entry key="isInactive" type="xboolean" value="false"/>
            <config key="ports">
                <config key="port_1">
                    <entry key="index" type="xint" value="1"/>
                    <entry key="port_dir_location" type="xstring" isnull="true" value=""/>
                </config>
            </config>
        </config>
        """.replace("NAMESPACES", NS);

    private static String toXml(final Config c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.saveToXML(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static NodeSettingsRO parse(final String xml) throws IOException {
        return NodeSettings.loadFromXML(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void knimeSettingsFileIsReadWithTypesNullsArraysAndEscapes() throws Exception {
        NodeSettingsRO s = parse(KNIME_SETTINGS_XML);
        assertEquals("settings.xml", s.getKey());
        assertEquals("CONFIGURED", s.getString("state"));
        assertNull(s.getString("customDescription"));
        assertTrue(s.containsKey("customDescription"));
        assertFalse(s.getBoolean("hasContent"));
        NodeSettingsRO model = s.getNodeSettings("model");
        assertEquals(0.5, model.getDouble("ratio"));
        assertArrayEquals(new String[]{"conv1", "conv2"}, model.getStringArray("layers"));
        assertEquals("line1\nline2 & <tag> \"q\"", model.getString("note"));
        assertEquals(12345678901L, model.getLong("seed"));
        assertEquals(3, model.getInt("epochs"));
        assertTrue(s.getNodeSettings("flow_stack").keySet().isEmpty());
        assertEquals(1, s.getNodeSettings("ports").getNodeSettings("port_1").getInt("index"));
        assertEquals(List.of("node_file", "flow_stack", "internal_node_subsettings", "model", "customDescription",
            "state", "factory", "node-feature-name", "node-feature-version", "factory_settings", "name",
            "hasContent", "isInactive", "ports"), List.copyOf(s.keySet()));
    }

    @Test
    void knimeSettingsFileIsWrittenBackByteForByte() throws Exception {
        NodeSettings s = (NodeSettings)parse(KNIME_SETTINGS_XML);
        assertEquals(KNIME_SETTINGS_XML, toXml(s));
    }

    @Test
    void nestedSettingsWithArraysAndNullsRoundTrip() throws Exception {
        NodeSettings root = new NodeSettings("root");
        root.addString("plain", "abc");
        root.addString("nothing", null);
        root.addInt("i", -7);
        root.addLong("l", Long.MAX_VALUE);
        root.addDouble("d", 1.0 / 3);
        root.addFloat("f", 2.5f);
        root.addBoolean("b", true);
        root.addChar("c", 'x');
        root.addShort("s", (short)12);
        root.addByte("y", (byte)-3);
        root.addIntArray("ints", 1, 2, 3);
        root.addDoubleArray("doubles", 0.25, Double.NaN, Double.NEGATIVE_INFINITY);
        root.addLongArray("longs");
        root.addStringArray("strings", "a", null, "c");
        root.addStringArray("nullArray", (String[])null);
        root.addBooleanArray("bools", true, false);
        root.addByteArray("bytes", (byte)1, (byte)-1);
        root.addCharArray("chars", 'a', '\n');
        root.addShortArray("shorts", (short)4);
        root.addFloatArray("floats", 1.5f);
        NodeSettingsWO sub = root.addNodeSettings("sub");
        sub.addString("tricky", "tab\there %% percent, unicode \u00e9 \ud83d\ude00 <&>");
        sub.addNodeSettings("deeper").addInt("x", 42);
        root.addTransientString("secret", "never written");

        String xml = toXml(root);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config " + NS + " key=\"root\">\n"));
        assertTrue(xml.contains("    <entry key=\"nothing\" type=\"xstring\" isnull=\"true\" value=\"\"/>\n"));
        assertTrue(xml.contains("""
                <config key="ints">
                    <entry key="array-size" type="xint" value="3"/>
                    <entry key="0" type="xint" value="1"/>
            """));
        assertTrue(xml.contains("    <config key=\"nullArray\"/>\n"), "null array = empty sub config");
        assertFalse(xml.contains("secret"), "transient strings are not saved");

        NodeSettingsRO back = parse(xml);
        assertEquals("root", back.getKey());
        assertEquals("abc", back.getString("plain"));
        assertNull(back.getString("nothing"));
        assertEquals(-7, back.getInt("i"));
        assertEquals(Long.MAX_VALUE, back.getLong("l"));
        assertEquals(1.0 / 3, back.getDouble("d"));
        assertEquals(2.5f, back.getFloat("f"));
        assertTrue(back.getBoolean("b"));
        assertEquals('x', back.getChar("c"));
        assertEquals((short)12, back.getShort("s"));
        assertEquals((byte)-3, back.getByte("y"));
        assertArrayEquals(new int[]{1, 2, 3}, back.getIntArray("ints"));
        assertArrayEquals(new double[]{0.25, Double.NaN, Double.NEGATIVE_INFINITY}, back.getDoubleArray("doubles"));
        assertArrayEquals(new long[0], back.getLongArray("longs"));
        assertArrayEquals(new String[]{"a", null, "c"}, back.getStringArray("strings"));
        assertNull(back.getStringArray("nullArray"));
        assertArrayEquals(new boolean[]{true, false}, back.getBooleanArray("bools"));
        assertArrayEquals(new byte[]{1, -1}, back.getByteArray("bytes"));
        assertArrayEquals(new char[]{'a', '\n'}, back.getCharArray("chars"));
        assertArrayEquals(new short[]{4}, back.getShortArray("shorts"));
        assertArrayEquals(new float[]{1.5f}, back.getFloatArray("floats"));
        assertEquals("tab\there %% percent, unicode \u00e9 \ud83d\ude00 <&>",
            back.getNodeSettings("sub").getString("tricky"));
        assertEquals(42, back.getNodeSettings("sub").getNodeSettings("deeper").getInt("x"));
        assertFalse(back.containsKey("secret"));
        // a second round gives the same document
        assertEquals(xml, toXml((NodeSettings)back));
    }

    @Test
    void specialCharactersAreEscapedLikeKnime() throws Exception {
        NodeSettings s = new NodeSettings("e");
        s.addString("v", "a\nb%%c\ud83d\ude00");
        String xml = toXml(s);
        assertTrue(xml.contains("value=\"a%%00010b%%00037%c%%55357%%56832\""), xml);
    }

    @Test
    void gettersThrowForMissingOrWrongTypedKeysAndDefaultsDoNot() throws Exception {
        NodeSettings s = new NodeSettings("s");
        s.addInt("n", 1);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> s.getString("missing"));
        assertEquals("String for key \"missing\" not found.", e.getMessage());
        assertThrows(InvalidSettingsException.class, () -> s.getString("n"));
        assertThrows(InvalidSettingsException.class, () -> s.getIntArray("n"));
        assertThrows(InvalidSettingsException.class, () -> s.getNodeSettings("n"));
        assertEquals("dflt", s.getString("missing", "dflt"));
        assertEquals(9, s.getInt("missing", 9));
        assertArrayEquals(new int[]{5}, s.getIntArray("missing", 5));
        assertNull(s.getStringArray("missing", (String[])null));
    }

    @Test
    void copyAndEqualityCompareWholeTrees() throws Exception {
        NodeSettings a = new NodeSettings("k");
        a.addString("x", "1");
        a.addNodeSettings("sub").addDoubleArray("d", 1, 2);
        NodeSettings b = new NodeSettings("k");
        a.copyTo(b);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.getNodeSettings("sub").addDoubleArray("d", 1, 3);
        assertFalse(a.equals(b));
    }

    @Test
    void oldDocumentsWithDoctypeLoadWithoutFetchingTheDtd() throws Exception {
        String xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE config SYSTEM "http://www.knime.org/XMLConfig_2005.dtd">
            <config key="old">
                <entry key="v" type="xint" value="4"/>
            </config>
            """;
        assertEquals(4, parse(xml).getInt("v"));
    }

    @Test
    void malformedDocumentsFailWithIOException() {
        assertThrows(IOException.class, () -> parse("<config key=\"a\"><entry key=\"v\" type=\"nope\" value=\"1\"/>"
            + "</config>"));
        assertThrows(IOException.class, () -> parse("<config key=\"a\"><bogus/></config>"));
        assertThrows(IOException.class, () -> parse("not xml"));
    }

    @Test
    void modelContentRoundTripsCellsTypesAndRowKeys() throws Exception {
        ModelContent mc = new ModelContent("model");
        mc.addDataCell("cell", new DoubleCell(2.5));
        mc.addDataCellArray("cells", new IntCell(1), new StringCell("s"), BooleanCell.TRUE,
            DataType.getMissingCell(), null);
        mc.addDataType("type", StringCell.TYPE);
        mc.addDataType("nullType", null);
        mc.addRowKey("key", new RowKey("Row7"));
        mc.addModelContent("child").addInt("v", 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mc.saveToXML(out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains(
            "<entry key=\"datacell\" type=\"xstring\" value=\"org.knime.core.data.def.DoubleCell\"/>"));
        assertTrue(xml.contains(
            "<entry key=\"cell_class\" type=\"xstring\" value=\"org.knime.core.data.def.StringCell\"/>"));

        ModelContentRO back = ModelContent.loadFromXML(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(new DoubleCell(2.5), back.getDataCell("cell"));
        DataCell[] cells = back.getDataCellArray("cells");
        assertEquals(new IntCell(1), cells[0]);
        assertEquals(new StringCell("s"), cells[1]);
        assertEquals(BooleanCell.TRUE, cells[2]);
        assertTrue(cells[3].isMissing());
        assertNull(cells[4]);
        assertEquals(StringCell.TYPE, back.getDataType("type"));
        assertNull(back.getDataType("nullType"));
        assertEquals(new RowKey("Row7"), back.getRowKey("key"));
        assertEquals(1, back.getModelContent("child").getInt("v"));
    }
}
