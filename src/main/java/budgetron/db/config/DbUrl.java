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
        return parse(text, null);
    }

    /**
     * Parses a URL; {@code origin} (".env", "--db-url") goes into messages. A URL that cannot be
     * parsed is never echoed beyond its scheme: where it breaks, a password may be what is shown.
     */
    public static DbUrl parse(String text, String origin) {
        String label = "DB_URL" + (origin == null || origin.equals("the DB_URL environment variable") ? "" : " (from " + origin + ")");
        if (text == null || text.isBlank()) {
            throw new ConfigException(label + " is empty: give it as postgres://user:password@host:5432/database.");
        }
        String raw = text.trim();
        String scheme = raw.startsWith("postgres://") ? "postgres://" : raw.startsWith("postgresql://") ? "postgresql://"
                : raw.startsWith("jdbc:postgresql://") ? "jdbc:postgresql://" : null;
        if (scheme == null) {
            throw new ConfigException(label + " is not a PostgreSQL URL: it must start with postgres://, postgresql:// or "
                    + "jdbc:postgresql:// (for example postgres://user:password@localhost:5432/budgetron).");
        }
        String rest = raw.substring(scheme.length());
        String shown = label + " (" + scheme + "…)";
        int at = rest.lastIndexOf('@');
        String userInfoPart = at < 0 ? "" : rest.substring(0, at);
        String afterAt = at < 0 ? rest : rest.substring(at + 1);
        if (userInfoPart.contains("@")) {
            throw new ConfigException(shown + " is malformed: the user or password contains '@'; write it as %40.");
        }
        if (userInfoPart.matches(".*[/?#].*")) {
            throw new ConfigException(shown + " is malformed: percent-encode '/', '?' and '#' in the user and password (%2F, %3F, %23).");
        }
        String hostPort = afterAt.split("[/?]", 2)[0];
        int colon = hostPort.startsWith("[") ? hostPort.indexOf("]:") + 1 : hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.substring(colon + 1).matches("\\d{1,5}")) {
            throw new ConfigException(shown + " is malformed: the port after the host must be a number, as in localhost:5432.");
        }
        if ((colon > 0 ? hostPort.substring(0, colon) : hostPort).isEmpty()) {
            throw new ConfigException(shown + " is malformed: it names no host, as in postgres://user:password@localhost:5432/budgetron.");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new ConfigException(shown + " is malformed: percent-encode special characters in the user and password "
                    + "(@ is %40, : is %3A, / is %2F).");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ConfigException(shown + " is malformed: it names no host, as in postgres://user:password@localhost:5432/budgetron.");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new ConfigException(shown + " is malformed: it must name one database after the host, as in host:5432/budgetron.");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int c = userInfo.indexOf(':');
            user = decode(c < 0 ? userInfo : userInfo.substring(0, c));
            password = c < 0 ? null : decode(userInfo.substring(c + 1));
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

    /** The same database with these credentials (a JDBC URL and its user and password given apart, as Spring does); null keeps what there is. */
    public DbUrl withCredentials(String newUser, String newPassword) {
        Secrets.register(newPassword);
        return new DbUrl(jdbcUrl, newUser != null ? newUser : user, newPassword != null ? newPassword : password, host, port, database);
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
