package org.flapp.services;

/**
 * The service arguments asked for information ({@code --help} or {@code --version}) instead of a
 * service. Python's parser prints the text to stdout and exits with status 0; the CLI should do
 * the same with {@link #text()}. It extends {@link BadServiceArguments} because no service can be
 * built from such arguments: at lookup time it is reported like any other argument error.
 */
public final class ServiceHelpRequested extends BadServiceArguments {
    private final String text;

    public ServiceHelpRequested(String text) {
        super(USAGE_ERROR, "the service arguments ask for help, not for a service");
        this.text = text;
    }

    /** What to print on stdout (ends with a newline). */
    public String text() {
        return text;
    }
}
