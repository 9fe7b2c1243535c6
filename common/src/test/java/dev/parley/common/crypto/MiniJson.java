package dev.parley.common.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the test-vector file: objects whose values are strings or objects, with the
 * escapes {@code \" \\ \/ \n \t \\uXXXX}. Anything else is an error, which is fine for a file we write.
 */
final class MiniJson {
    private final String s;
    private int pos;

    private MiniJson(String s) {
        this.s = s;
    }

    /** The top-level object; nested objects are {@code Map<String, Object>}, leaves are {@code String}. */
    static Map<String, Object> parse(String text) {
        MiniJson p = new MiniJson(text);
        Map<String, Object> v = p.object();
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** Writes nested maps of strings, two-space indented, keys in map order. */
    static String write(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder();
        write(sb, map, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Map<String, ?> map, int depth) {
        sb.append("{\n");
        int i = 0;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            sb.append("  ".repeat(depth + 1)).append(quote(e.getKey())).append(": ");
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> inner = (Map<String, ?>) m;
                write(sb, inner, depth + 1);
            } else {
                sb.append(quote((String) e.getValue()));
            }
            sb.append(++i < map.size() ? ",\n" : "\n");
        }
        sb.append("  ".repeat(depth)).append('}');
    }

    private static String quote(String v) {
        return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private Map<String, Object> object() {
        ws();
        expect('{');
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            ws();
            String key = string();
            ws();
            expect(':');
            ws();
            Object value = peek() == '{' ? object() : string();
            if (m.put(key, value) != null) {
                throw error("duplicate key " + key);
            }
            ws();
            char c = s.charAt(pos++);
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("unsupported escape \\" + e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return s.charAt(pos);
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }
}
