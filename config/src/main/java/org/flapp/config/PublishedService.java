package org.flapp.config;

import java.nio.file.Path;

/**
 * A service as {@code flappserver add} reports it and {@code flappserver list} shows it: its
 * swissnum, its entry in {@code services.json}, its directory (the base directory path as the
 * caller gave it, joined with the entry's relative directory) and its FURL (the base directory's
 * {@code furl_prefix} followed by the swissnum). Immutable.
 */
public record PublishedService(String swissnum, ServiceEntry entry, Path directory, String furl) {}
