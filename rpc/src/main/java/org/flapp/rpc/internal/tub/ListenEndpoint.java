package org.flapp.rpc.internal.tub;

/**
 * Where to listen, from a Twisted-style endpoint string as flappserver's {@code port} file holds
 * it: {@code tcp:PORT}, {@code tcp:PORT:interface=ADDR}, or a bare {@code PORT}. {@code host} is
 * null for every interface.
 */
record ListenEndpoint(String host, int port) {
    static ListenEndpoint parse(String text) {
        String spec = text.trim();
        if (spec.matches("\\d+")) {
            return new ListenEndpoint(null, port(spec, text));
        }
        String[] parts = spec.split(":");
        if (parts.length < 2 || !parts[0].equals("tcp")) {
            throw new IllegalArgumentException("unsupported listening endpoint '" + text
                    + "': expected tcp:PORT or tcp:PORT:interface=ADDRESS");
        }
        int port = port(parts[1], text);
        String host = null;
        for (int i = 2; i < parts.length; i++) {
            String option = parts[i];
            int eq = option.indexOf('=');
            String key = eq < 0 ? "" : option.substring(0, eq);
            if (key.equals("interface")) {
                host = option.substring(eq + 1);
            } else if (!key.equals("backlog")) {
                throw new IllegalArgumentException("unsupported option '" + option
                        + "' in listening endpoint '" + text + "'");
            }
        }
        return new ListenEndpoint(host, port);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad port '" + digits + "' in listening endpoint '" + text + "'");
    }
}
