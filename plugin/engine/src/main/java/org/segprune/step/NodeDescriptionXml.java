package org.segprune.step;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.segprune.table.Column;
import org.segprune.util.AtomicFiles;

/**
 * The KNIME node description ({@code <FactorySimpleName>.xml} next to the factory, schema v5.3) of a
 * step, written from its declaration: the texts of {@link Step.About}, one option per setting
 * (documentation, choices, when it applies, bounds and default) and the ports with their columns. The description
 * speaks to KNIME users; the settings' keys for the command line are one short line at the end of the intro.
 * The build of the KNIME bundle runs {@link #main} in its generate-resources phase.
 */
public final class NodeDescriptionXml {

    private NodeDescriptionXml() {
    }

    /** Writes the description of every step under {@code args[0]}, in the factories' package folders. */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        for (Step<?> step : Steps.all()) {
            AtomicFiles.writeString(root.resolve(resourcePath(step)), xml(step));
        }
    }

    /** Where KNIME looks for the description: {@code org/segprune/.../XxxNodeFactory.xml}. */
    public static String resourcePath(Step<?> step) {
        return step.about().factory().replace('.', '/') + ".xml";
    }

    public static String xml(Step<?> step) {
        Step.About about = step.about();
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<knimeNode icon=\"./").append(about.icon()).append("\" type=\"").append(about.type())
                .append("\" deprecated=\"false\" xmlns=\"http://knime.org/node/v5.3\"\n")
                .append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("    xsi:schemaLocation=\"http://knime.org/node/v5.3 http://knime.org/node/v5.3.xsd\">\n");
        x.append("    <name>").append(escape(step.name())).append("</name>\n");
        x.append("    <shortDescription>").append(about.shortDescription()).append("</shortDescription>\n");
        x.append("    <fullDescription>\n");
        x.append("        <intro>").append(about.intro()).append(commandLine(step)).append("</intro>\n");
        for (SettingDef def : step.schema().defs()) {
            x.append("        <option name=\"").append(escape(def.label())).append("\">").append(option(def, step))
                    .append("</option>\n");
        }
        x.append("    </fullDescription>\n");
        x.append("    <ports>\n");
        ports(x, "inPort", step.inputs());
        ports(x, "outPort", step.outputs());
        x.append("    </ports>\n");
        x.append("    <keywords>\n");
        for (String keyword : about.keywords()) {
            x.append("        <keyword>").append(escape(keyword)).append("</keyword>\n");
        }
        x.append("    </keywords>\n");
        x.append("</knimeNode>\n");
        return x.toString();
    }

    private static void ports(StringBuilder x, String tag, List<Port> ports) {
        for (int i = 0; i < ports.size(); i++) {
            Port port = ports.get(i);
            x.append("        <").append(tag).append(" index=\"").append(i).append("\" name=\"").append(escape(port.name()))
                    .append("\">").append(port.doc());
            if (port.columns() != null) {
                x.append(" Columns:");
                List<Column> columns = port.columns().columns();
                for (int c = 0; c < columns.size(); c++) {
                    Column column = columns.get(c);
                    x.append(c == 0 ? " " : ", ").append("<code>").append(escape(column.name())).append("</code>");
                    if (!column.doc().isEmpty()) {
                        x.append(" (").append(escape(column.doc())).append(')');
                    }
                }
                x.append('.');
            }
            x.append("</").append(tag).append(">\n");
        }
    }

    private static String option(SettingDef def, Step<?> step) {
        StringBuilder text = new StringBuilder(escape(def.doc()));
        if (def.kind() == SettingKind.CHOICE) {
            text.append("<ul>");
            for (int i = 0; i < def.choices().size(); i++) {
                text.append("<li><b>").append(escape(def.choices().get(i))).append("</b>: ")
                        .append(escape(def.choiceDocs().get(i))).append("</li>");
            }
            text.append("</ul>");
        }
        if (def.enabledKey() != null) {
            text.append(" Used when ").append(escape(step.schema().def(def.enabledKey()).label())).append(" is ")
                    .append(escape(String.join(" or ", def.enabledValues()))).append('.');
        }
        if (def.kind() == SettingKind.INT || def.kind() == SettingKind.DOUBLE) {
            text.append(" From ").append(number(def.min(), def.kind())).append(" to ").append(number(def.max(), def.kind()))
                    .append('.');
        }
        String defaultValue = def.defaultValue().isEmpty() ? "empty" : def.defaultValue();
        text.append(" Default: ").append(escape(defaultValue)).append('.');
        return text.toString();
    }

    /**
     * The one line for command-line users, last in the description so that KNIME users read about the node first: the
     * settings' keys in the order of the options, as {@code segprune run --set} and settings.xml name them.
     */
    static String commandLine(Step<?> step) {
        StringBuilder line = new StringBuilder("<p><i>Command line:</i> <code>segprune run WORKFLOW_DIR --set "
                + "NODE.KEY=VALUE</code> runs this node without KNIME; the keys of its options, in order: ");
        List<SettingDef> defs = step.schema().defs();
        for (int i = 0; i < defs.size(); i++) {
            line.append(i == 0 ? "" : ", ").append("<code>").append(defs.get(i).key()).append("</code>");
        }
        return line.append(".</p>").toString();
    }

    private static String number(double value, SettingKind kind) {
        return kind == SettingKind.INT ? Long.toString((long) value)
                : new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
