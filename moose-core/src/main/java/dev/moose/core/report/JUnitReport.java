package dev.moose.core.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A report's checks as JUnit XML, the format Jenkins, GitLab and GitHub show as test results: a test case per
 * check, and one per object the database drifted in, failing with what differs.
 */
public final class JUnitReport {

    private JUnitReport() {
    }

    public static String toXml(Report report) {
        StringBuilder cases = new StringBuilder();
        int failures = 0;
        int skipped = 0;
        int tests = 0;
        String suite = "moose." + report.goal();
        for (Report.Check c : report.checks()) {
            tests++;
            cases.append("  <testcase classname=\"").append(xml(suite)).append("\" name=\"").append(xml(c.name())).append("\"");
            switch (c.result()) {
                case "failed" -> {
                    failures++;
                    cases.append(">\n    <failure message=\"").append(xml(c.details().isEmpty() ? c.name() : c.details().get(0)))
                            .append("\">").append(xml(String.join("\n", c.details()))).append("</failure>\n  </testcase>\n");
                }
                case "not_run" -> {
                    skipped++;
                    cases.append(">\n    <skipped message=\"an earlier check failed, or there is no database to check\"/>\n  </testcase>\n");
                }
                default -> cases.append("/>\n");
            }
        }
        for (Map.Entry<String, List<String>> d : report.driftByObject().entrySet()) {
            tests++;
            failures++;
            cases.append("  <testcase classname=\"").append(xml(suite + ".drift")).append("\" name=\"").append(xml(d.getKey()))
                    .append("\">\n    <failure message=\"").append(xml(d.getKey() + ": " + d.getValue().get(0))).append("\">")
                    .append(xml(String.join("\n", d.getValue()))).append("</failure>\n  </testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + xml(suite) + "\" tests=\"" + tests + "\" failures=\""
                + failures + "\" errors=\"0\" skipped=\"" + skipped + "\">\n" + cases + "</testsuite>\n";
    }

    public static void write(Path file, Report report) {
        Report.writeText(file, toXml(report));
    }

    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
