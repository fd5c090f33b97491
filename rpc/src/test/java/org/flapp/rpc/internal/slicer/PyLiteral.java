package org.flapp.rpc.internal.slicer;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flapp.rpc.FrozenSet;
import org.flapp.rpc.Tuple;

/**
 * Parses the Python expressions of the vector files ({@code python}, {@code decoded_repr}) into
 * the Java values the decoder should produce: literals, {@code float('inf')},
 * {@code decimal.Decimal('1.5')}, {@code frozenset([1])}, {@code set()}, {@code bytes(range(n))},
 * {@code <literal> * n}, and the recursion markers {@code [...]} / {@code {...}} as {@link #CYCLE}.
 * Decimals that BigDecimal cannot hold parse as {@link #UNREPRESENTABLE}.
 */
final class PyLiteral {
    static final Object CYCLE = new Object() {
        @Override
        public String toString() {
            return "<cycle>";
        }
    };
    static final Object UNREPRESENTABLE = new Object() {
        @Override
        public String toString() {
            return "<unrepresentable>";
        }
    };

    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object v = p.expression();
        p.ws();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("trailing text in " + text + " at " + p.i);
        }
        return v;
    }

    private Object expression() {
        Object v = atom();
        ws();
        if (i < s.length() && s.charAt(i) == '*') {
            i++;
            ws();
            int n = ((Number) atom()).intValue();
            if (v instanceof byte[] b) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int k = 0; k < n; k++) {
                    out.writeBytes(b);
                }
                return out.toByteArray();
            }
            return ((String) v).repeat(n);
        }
        return v;
    }

    private Object atom() {
        ws();
        char c = s.charAt(i);
        if (s.startsWith("[...]", i)) {
            i += 5;
            return CYCLE;
        }
        if (s.startsWith("{...}", i)) {
            i += 5;
            return CYCLE;
        }
        if (c == '[') {
            i++;
            return new ArrayList<>(items(']'));
        }
        if (c == '(') {
            i++;
            return Tuple.copyOf(items(')'));
        }
        if (c == '{') {
            return braces();
        }
        if (c == '\'' || c == '"') {
            return text();
        }
        if (c == 'b' && (s.charAt(i + 1) == '\'' || s.charAt(i + 1) == '"')) {
            i++;
            String t = text();
            byte[] b = new byte[t.length()];
            for (int k = 0; k < t.length(); k++) {
                b[k] = (byte) t.charAt(k);
            }
            return b;
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        String name = identifier();
        switch (name) {
            case "None":
                return null;
            case "True":
                return true;
            case "False":
                return false;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        expect('(');
        List<Object> args = items(')');
        switch (name) {
            case "float":
                return Double.parseDouble(((String) args.get(0)).replace("inf", "Infinity").replace("nan", "NaN"));
            case "Decimal":
            case "decimal.Decimal":
                try {
                    return new BigDecimal((String) args.get(0));
                } catch (NumberFormatException e) {
                    return UNREPRESENTABLE;
                }
            case "set":
                return args.isEmpty() ? new LinkedHashSet<Object>() : new LinkedHashSet<Object>((java.util.Collection<?>) args.get(0));
            case "frozenset":
                return args.isEmpty() ? FrozenSet.of() : FrozenSet.copyOf((java.util.Collection<?>) args.get(0));
            case "range":
                return args.get(0);
            case "bytes": {
                int n = ((Number) args.get(0)).intValue();
                byte[] b = new byte[n];
                for (int k = 0; k < n; k++) {
                    b[k] = (byte) k;
                }
                return b;
            }
            default:
                throw new IllegalArgumentException("unknown call " + name + " in " + s);
        }
    }

    private Object braces() {
        i++;
        ws();
        if (s.charAt(i) == '}') {
            i++;
            return new LinkedHashMap<>();
        }
        Object first = expression();
        ws();
        if (s.charAt(i) == ':') {
            Map<Object, Object> m = new LinkedHashMap<>();
            i++;
            m.put(first, expression());
            while (true) {
                ws();
                char c = s.charAt(i++);
                if (c == '}') {
                    return m;
                }
                Object k = expression();
                ws();
                expect(':');
                m.put(k, expression());
            }
        }
        Set<Object> set = new LinkedHashSet<>();
        set.add(first);
        while (true) {
            ws();
            char c = s.charAt(i++);
            if (c == '}') {
                return set;
            }
            set.add(expression());
        }
    }

    private List<Object> items(char end) {
        List<Object> out = new ArrayList<>();
        while (true) {
            ws();
            if (s.charAt(i) == end) {
                i++;
                return out;
            }
            out.add(expression());
            ws();
            if (s.charAt(i) == ',') {
                i++;
            }
        }
    }

    private Object number() {
        int start = i;
        if (s.charAt(i) == '-') {
            i++;
        }
        if (s.startsWith("inf", i)) {
            i += 3;
            return Double.NEGATIVE_INFINITY;
        }
        while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
            if ((s.charAt(i) == '+' || s.charAt(i) == '-') && "eE".indexOf(s.charAt(i - 1)) < 0) {
                break;
            }
            i++;
        }
        String t = s.substring(start, i);
        if (t.matches("-?\\d+")) {
            BigInteger b = new BigInteger(t);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return Double.parseDouble(t);
    }

    private String text() {
        char quote = s.charAt(i++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
                    i += 2;
                }
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(i, i + 8), 16));
                    i += 8;
                }
                default -> sb.append(e);
            }
        }
    }

    private String identifier() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        return s.substring(start, i);
    }

    private void expect(char c) {
        ws();
        if (s.charAt(i++) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (i - 1) + " in " + s);
        }
    }

    private void ws() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }
}
