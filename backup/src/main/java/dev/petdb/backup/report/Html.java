package dev.petdb.backup.report;

/**
 * Text from data made safe inside HTML and SVG, in element content and in quoted attributes alike: schema and table
 * names are the apps' own, and a name like {@code <script>} must stay a name.
 */
final class Html {
    private Html() {
    }

    /** @return {@code text} with {@code & < > " '} written as character references */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
