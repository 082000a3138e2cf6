package org.segprune.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.segprune.knimetest.TestExecutionContexts;
import org.segprune.knimetest.TestTables;

/** A small classic node (factory, model, dialog) driven the way the framework would drive it. */
class NodeApiTest {

    private static final DataTableSpec IN_SPEC =
        new DataTableSpec(new String[]{"label", "value"}, new DataType[]{StringCell.TYPE, DoubleCell.TYPE});

    @Test
    void factoryReadsItsDescription() {
        TinyNodeFactory f = new TinyNodeFactory();
        assertEquals("Tiny Scaler", f.getNodeName());
        assertEquals(NodeType.Manipulator, f.getType());
        assertEquals("Numbers", f.getInportName(0));
        assertEquals("A table with a numeric column.", f.getInportDescription(0));
        assertEquals("Scaled", f.getOutportName(0));
        assertEquals("No name available", f.getOutportName(1));
        assertFalse(f.isDeprecated());
        assertNull(f.getIcon(), "tiny.png does not exist");
        assertEquals("knimeNode", f.getXMLDescription().getLocalName());
    }

    @Test
    void modelConfiguresExecutesAndHonoursCancel() throws Exception {
        TinyNodeModel model = new TinyNodeFactory().createNodeModel();
        NodeSettings settings = new NodeSettings("model");
        model.saveSettingsTo(settings);
        assertThrows(InvalidSettingsException.class, () -> model.configure(new PortObjectSpec[]{IN_SPEC}));

        settings.getNodeSettings("column").addString("columnName", "value");
        settings.addDouble("factor", 3.0);
        model.validateSettings(settings);
        model.loadValidatedSettingsFrom(settings);
        PortObjectSpec[] out = model.configure(new PortObjectSpec[]{IN_SPEC});
        assertEquals(1, ((DataTableSpec)out[0]).getNumColumns());

        BufferedDataTable in = TestTables.create(IN_SPEC, new DefaultRow("a", new StringCell("x"), new DoubleCell(1)),
            new DefaultRow("b", new StringCell("y"), new DoubleCell(2.5)));
        ExecutionContext exec = TestExecutionContexts.create();
        PortObject[] result = model.execute(new PortObject[]{in}, exec);
        BufferedDataTable table = (BufferedDataTable)result[0];
        assertEquals(out[0], table.getSpec());
        assertEquals(7.5, ((DoubleValue)TestTables.rows(table).get(1).getCell(0)).getDoubleValue());
        assertEquals(1.0, TestExecutionContexts.progress(exec));
        assertEquals("row b", TestExecutionContexts.message(exec));

        ExecutionContext canceled = TestExecutionContexts.create();
        TestExecutionContexts.cancel(canceled);
        assertThrows(CanceledExecutionException.class, () -> model.execute(new PortObject[]{in}, canceled));

        settings.addDouble("factor", 11.0);
        assertThrows(InvalidSettingsException.class, () -> model.validateSettings(settings));
    }

    @Test
    void dialogLoadsAndSavesThroughItsComponents() throws Exception {
        TinyNodeDialog dialog = (TinyNodeDialog)new TinyNodeFactory().createNodeDialogPane();
        NodeSettings empty = new NodeSettings("model");
        dialog.loadSettingsFrom(empty, new PortObjectSpec[]{IN_SPEC});
        NodeSettings saved = new NodeSettings("model");
        dialog.saveSettingsTo(saved);
        assertEquals("value", saved.getNodeSettings("column").getString("columnName"), "first numeric column");
        assertEquals(2.0, saved.getDouble("factor"));
        assertTrue(saved.containsKey("factor_Internals"));

        DataTableSpec noNumbers = new DataTableSpec(new String[]{"s"}, new DataType[]{StringCell.TYPE});
        assertThrows(NotConfigurableException.class,
            () -> dialog.loadSettingsFrom(empty, new PortObjectSpec[]{noNumbers}));
    }

    @Test
    void loggerIsQuietBelowWarn() {
        NodeLogger logger = NodeLogger.getLogger(NodeApiTest.class);
        assertFalse(logger.isDebugEnabled());
        logger.debug("not shown");
        logger.debug(() -> "not evaluated either");
        logger.info("not shown");
    }
}
