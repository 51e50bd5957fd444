package budgetron.db.cli.studio;

import budgetron.db.config.Secrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * The studio's HTTP side, on the JDK's own server: a random token guards every request (exchanged
 * on the first page load for an HttpOnly, SameSite=Strict cookie; scripts send X-Studio-Token),
 * POSTs from a browser must come from the studio's own origin, and the Host header must name the
 * studio (no DNS rebinding). Pages and assets come from the jar; nothing from the network.
 */
public final class StudioServer implements AutoCloseable {
    public static final String COOKIE = "budgetron_studio";
    public static final String HEADER = "X-Studio-Token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ASSETS = Map.of("/", "index.html", "/studio.js", "studio.js", "/studio.css", "studio.css");

    private final HttpServer server;
    private final StudioApi api;
    private final String token;
    private final Set<String> hosts;

    public StudioServer(String host, int port, StudioApi api) throws IOException {
        this.api = api;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 32);
        int bound = server.getAddress().getPort();
        this.hosts = new java.util.HashSet<>(List.of((host.contains(":") ? "[" + host + "]" : host) + ":" + bound,
                "127.0.0.1:" + bound, "localhost:" + bound, "[::1]:" + bound));
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "studio-http");
            t.setDaemon(true);
            return t;
        }));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            h.set("Cache-Control", "no-store");
            h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("POST")) {
                send(ex, 405, Map.of("error", "Only GET and POST."));
                return;
            }
            if (!hosts.contains(String.valueOf(ex.getRequestHeaders().getFirst("Host")))) {
                send(ex, 403, Map.of("error", "Unexpected Host header: open the address budgetron-db studio printed."));
                return;
            }
            String path = ex.getRequestURI().getRawPath();
            Map<String, List<String>> query = Request.parse(ex.getRequestURI().getRawQuery());
            if (path.equals("/") && query.containsKey("token")) {
                exchangeToken(ex, query);
                return;
            }
            String presented = presentedToken(ex);
            if (presented == null) {
                send(ex, 401, Map.of("error", "No studio token: open the address budgetron-db studio printed (it ends in ?token=…)."));
                return;
            }
            if (!same(presented, token)) {
                send(ex, 403, Map.of("error", "Wrong studio token: open the address the running budgetron-db studio printed."));
                return;
            }
            if (method.equals("POST") && !originAllowed(ex)) {
                send(ex, 403, Map.of("error", "Writes must come from the studio's own page (Origin mismatch)."));
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(1 << 20);
            route(ex, Request.of(ex, body), path);
        } catch (StudioException e) {
            send(ex, e.status(), Map.of("error", Secrets.redact(e.getMessage())));
        } catch (SQLException e) {
            send(ex, 400, Map.of("error", Secrets.redact(postgresMessage(e)), "sqlState", String.valueOf(e.getSQLState())));
        } catch (Exception | LinkageError e) {
            send(ex, 500, Map.of("error", Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage())));
        } finally {
            // not try-with-resources: that would close the exchange before the catch blocks answer
            ex.close();
        }
    }

    private void route(HttpExchange ex, Request r, String path) throws Exception {
        String method = r.method();
        List<String> p = r.path();
        if (method.equals("GET") && ASSETS.containsKey(path)) {
            asset(ex, ASSETS.get(path));
        } else if (p.size() < 2 || !p.get(0).equals("api")) {
            throw new StudioException(404, "Not found: " + path);
        } else if (method.equals("GET") && p.size() == 2 && p.get(1).equals("info")) {
            send(ex, 200, api.info());
        } else if (method.equals("GET") && p.size() == 2 && p.get(1).equals("tables")) {
            send(ex, 200, api.tables());
        } else if (method.equals("GET") && p.size() == 3 && p.get(1).equals("tables")) {
            send(ex, 200, api.structure(p.get(2)));
        } else if (method.equals("GET") && p.size() == 4 && p.get(1).equals("tables")) {
            switch (p.get(3)) {
                case "rows" -> send(ex, 200, api.rows(p.get(2), r));
                case "sql" -> send(ex, 200, api.showAsSql(p.get(2), r));
                case "children" -> send(ex, 200, api.children(p.get(2), r));
                case "export" -> export(ex, p.get(2), r);
                default -> throw new StudioException(404, "Not found: " + path);
            }
        } else if (method.equals("GET") && path.equals("/api/diagram.svg")) {
            bytes(ex, 200, "image/svg+xml; charset=utf-8", api.diagram().getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("GET") && path.equals("/api/history")) {
            send(ex, 200, api.history(r));
        } else if (method.equals("POST") && path.equals("/api/sql")) {
            send(ex, 200, api.sql(r));
        } else if (method.equals("POST") && path.equals("/api/edits")) {
            send(ex, 200, api.edits(r));
        } else {
            throw new StudioException(404, "Not found: " + method + " " + path);
        }
    }

    /** First load: ?token=T becomes a cookie, and the address is shown again without it. */
    private void exchangeToken(HttpExchange ex, Map<String, List<String>> query) throws IOException {
        if (!same(query.get("token").get(0), token)) {
            send(ex, 403, Map.of("error", "Wrong studio token: open the address the running budgetron-db studio printed."));
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        String rest = ex.getRequestURI().getRawQuery().replaceAll("(^|&)token=[^&]*", "").replaceFirst("^&", "");
        ex.getResponseHeaders().set("Location", "/" + (rest.isEmpty() ? "" : "?" + rest));
        ex.sendResponseHeaders(303, -1);
    }

    private String presentedToken(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst(HEADER);
        if (header != null) {
            return header;
        }
        for (String cookies : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.trim();
                if (c.startsWith(COOKIE + "=")) {
                    return c.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    /** A browser's POST carries Origin: it must be the studio's. Scripts using the header may omit it. */
    private boolean originAllowed(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return ex.getRequestHeaders().getFirst(HEADER) != null;
        }
        return origin.startsWith("http://") && hosts.contains(origin.substring("http://".length()))
                && origin.substring("http://".length()).equals(ex.getRequestHeaders().getFirst("Host"));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String postgresMessage(SQLException e) {
        String m = e.getMessage() == null ? "SQL error" : e.getMessage();
        return m.replaceFirst("^ERROR: ", "").strip();
    }

    private void export(HttpExchange ex, String table, Request r) throws Exception {
        boolean json = "json".equals(r.one("format", "csv"));
        ex.getResponseHeaders().set("Content-Type", json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + table.replaceAll("[^A-Za-z0-9_.-]", "_")
                + (json ? ".json" : ".csv") + "\"");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            api.export(table, r, out);
        }
    }

    private void asset(HttpExchange ex, String name) throws IOException {
        try (InputStream in = StudioServer.class.getResourceAsStream("/budgetron/studio/" + name)) {
            if (in == null) {
                throw new StudioException(404, "Missing asset " + name);
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
            bytes(ex, 200, type + "; charset=utf-8", in.readAllBytes());
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        bytes(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static void bytes(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
