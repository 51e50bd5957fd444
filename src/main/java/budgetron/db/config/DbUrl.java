package budgetron.db.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL as Budgetron writes it (postgres://user:pass@host:5432/db?sslmode=require, also
 * postgresql:// and jdbc:postgresql://), split into what pgjdbc needs: a JDBC URL without credentials,
 * and the user and password as connection properties, so that the password never appears in a URL
 * that Liquibase or this tool prints.
 */
public final class DbUrl {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password\\s*=\\s*)[^&;\\s'\"]*");
    private static final Pattern CREDENTIALS = Pattern.compile("([^\\s:/@'\"?&=]+):(?!\\*\\*\\*\\*@)(?!//)(?:(?!://)[^\\s'\"])*@");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;

    private DbUrl(String jdbcUrl, String user, String password, String host, int port, String database) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
    }

    public static DbUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("DB_URL is empty: give it as postgres://user:password@host:5432/database.");
        }
        String raw = text.trim();
        String rest;
        if (raw.startsWith("postgres://")) {
            rest = raw.substring("postgres://".length());
        } else if (raw.startsWith("postgresql://")) {
            rest = raw.substring("postgresql://".length());
        } else if (raw.startsWith("jdbc:postgresql://")) {
            rest = raw.substring("jdbc:postgresql://".length());
        } else {
            throw new ConfigException("DB_URL '" + mask(raw) + "' is not a PostgreSQL URL: it must start with "
                    + "postgres://, postgresql:// or jdbc:postgresql:// (for example postgres://user:password@localhost:5432/budgetron).");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw malformed(raw, "percent-encode special characters in the user and password (@ is %40, : is %3A, / is %2F)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw malformed(raw, "it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw malformed(raw, "it must name one database after the host, as in host:5432/budgetron");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String query = uri.getRawQuery();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
        jdbc.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port)
                .append('/').append(uri.getRawPath().substring(1));
        if (query != null && !query.isEmpty()) {
            // user and password given as query parameters (the jdbc:postgresql form allows it) move to properties too
            StringBuilder kept = new StringBuilder();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equalsIgnoreCase("user") && user == null) {
                    user = value;
                } else if (key.equalsIgnoreCase("password") && password == null) {
                    password = value;
                } else if (!key.equalsIgnoreCase("user") && !key.equalsIgnoreCase("password")) {
                    kept.append(kept.length() == 0 ? "" : "&").append(pair);
                }
            }
            if (kept.length() > 0) {
                jdbc.append('?').append(kept);
            }
        }
        Secrets.register(password);
        return new DbUrl(jdbc.toString(), user, password, host, port, database);
    }

    private static ConfigException malformed(String raw, String why) {
        return new ConfigException("DB_URL '" + mask(raw) + "' is malformed: " + why + ".");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DB_URL has a broken percent-escape: write special characters as %XX.");
        }
    }

    /** Hides the password of any URL form, for messages and logs. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        // anywhere in the text, not only at its start: a stray quote must not let a password through
        String masked = url.replaceAll("([a-zA-Z][a-zA-Z0-9+.:-]*://[^:/@?#\\s\"']*):[^/\\s]*@", "$1:****@");
        // a malformed URL (postgres//user:pw@host, user:pw@host) still has user:password@: up to the token's last @
        masked = CREDENTIALS.matcher(masked).replaceAll("$1:****@");
        return PASSWORD_PARAM.matcher(masked).replaceAll("$1****");
    }

    public Properties connectionProperties() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The same server, another database: used for scratch and test databases. */
    public DbUrl withDatabase(String otherDatabase) {
        String newJdbc = jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + Matcher.quoteReplacement(otherDatabase));
        return new DbUrl(newJdbc, user, password, host, port, otherDatabase);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** What is shown to people: no password. */
    @Override
    public String toString() {
        return mask("postgres://" + (user == null ? "" : user + (password == null ? "" : ":****") + "@")
                + jdbcUrl.substring("jdbc:postgresql://".length()));
    }
}
