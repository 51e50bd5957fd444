package budgetron.db.cli.studio;

import budgetron.db.config.ProcessOwner;
import budgetron.db.config.Secrets;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The studio's HTTP side, on the JDK's own server. A random token guards every API request, sent by
 * the page as the X-Studio-Token header: there is no cookie, because a browser sends a host's
 * cookies to every port of that host (any other local web server would receive it). The page keeps
 * the token in its origin's localStorage, which browsers keep apart per port, so two studios side
 * by side each keep theirs and no other server can read it. The page and its script carry nothing
 * secret and are served without the token; a download, which a browser cannot send headers for,
 * takes a single-use ticket the page asks for with the header. The Host header must name the studio
 * (no DNS rebinding); a browser's POST must come from the studio's own origin. Nothing comes from
 * the network.
 */
public final class StudioServer implements AutoCloseable {
    public static final String HEADER = "X-Studio-Token";
    /** The most a request body may be. */
    static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ASSETS = Map.of("/", "index.html", "/studio.js", "studio.js", "/studio.css", "studio.css");
    private static final long TICKET_MILLIS = 60_000;

    private final HttpServer server;
    private final StudioApi api;
    private final String token;
    private final Set<String> hosts;
    /** Single-use download tickets: ticket → (the path and query it opens, when it expires). */
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    private record Ticket(String target, long expires) {
    }

    public StudioServer(String host, int port, StudioApi api) throws IOException {
        this.api = api;
        this.token = random();
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.hosts = hosts(host, server.getAddress().getPort());
        server.createContext("/", this::handle);
        // more threads than pooled connections: a download streams a file the database is already done with
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "studio-http");
            t.setDaemon(true);
            return t;
        }));
    }

    static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    /** The Host headers that name this studio: its address; on a wildcard address, every address and name of the machine. */
    static Set<String> hosts(String host, int port) {
        Set<String> names = new HashSet<>(List.of("127.0.0.1", "localhost", "[::1]"));
        if (wildcard(host)) {
            names.add(ProcessOwner.host());
            try {
                names.add(InetAddress.getLocalHost().getHostName());
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        String text = a.getHostAddress().replaceFirst("%.*$", "");
                        names.add(text.contains(":") ? "[" + text + "]" : text);
                    }
                }
            } catch (IOException ignored) {
                // the loopback names and the host name still work
            }
        } else {
            names.add(host.contains(":") ? "[" + host + "]" : host);
        }
        Set<String> withPort = new HashSet<>();
        names.forEach(n -> withPort.add(n + ":" + port));
        return withPort;
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
            h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
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
            if (method.equals("GET") && ASSETS.containsKey(path)) {
                asset(ex, ASSETS.get(path)); // the page reads its token from ?token= and keeps it: nothing secret here
                return;
            }
            if (!authorized(ex, method, path)) {
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                send(ex, 413, Map.of("error", "The request is larger than " + (MAX_BODY >> 20) + " MiB."));
                return;
            }
            route(ex, Request.of(ex, body), path);
        } catch (StudioException e) {
            send(ex, e.status(), Map.of("error", Secrets.redact(e.getMessage())));
        } catch (JsonProcessingException e) {
            send(ex, 400, Map.of("error", "The request is not valid JSON: " + Secrets.redact(e.getOriginalMessage())));
        } catch (SQLException e) {
            // the statement's fault is 400; a connection that ended under it (terminated, server gone) is the server's, 503
            String state = String.valueOf(e.getSQLState());
            int status = state.startsWith("08") || state.startsWith("57P") ? 503 : 400;
            send(ex, status, Map.of("error", Secrets.redact(postgresMessage(e)), "sqlState", state));
        } catch (Exception | LinkageError e) {
            send(ex, 500, Map.of("error", Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage())));
        } finally {
            // not try-with-resources: that would close the exchange before the catch blocks answer
            ex.close();
        }
    }

    /** The token in the header, or a download's single-use ticket for exactly this address; answers 401/403 itself when not. */
    private boolean authorized(HttpExchange ex, String method, String path) throws IOException {
        String presented = ex.getRequestHeaders().getFirst(HEADER);
        if (presented == null && method.equals("GET")) {
            String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
            String ticket = Request.parse(query).getOrDefault("ticket", List.of("")).get(0);
            Ticket t = ticket.isEmpty() ? null : tickets.remove(ticket);
            String target = path + "?" + query.replaceAll("(^|&)ticket=[^&]*", "").replaceFirst("^&", "");
            if (t != null && t.expires() > System.currentTimeMillis() && t.target().equals(target)) {
                return true;
            }
            if (t != null || !ticket.isEmpty()) {
                send(ex, 403, Map.of("error", "This download's ticket is used, expired or for another address: start the download again."));
                return false;
            }
        }
        if (presented == null) {
            send(ex, 401, Map.of("error", "No studio token: open the address budgetron-db studio printed (it ends in ?token=…)."));
            return false;
        }
        if (!same(presented, token)) {
            send(ex, 403, Map.of("error", "Wrong studio token: open the address the running budgetron-db studio printed."));
            return false;
        }
        if (method.equals("POST") && !originAllowed(ex)) {
            send(ex, 403, Map.of("error", "Writes must come from the studio's own page (Origin mismatch)."));
            return false;
        }
        return true;
    }

    private void route(HttpExchange ex, Request r, String path) throws Exception {
        String method = r.method();
        List<String> p = r.path();
        if (p.size() < 2 || !p.get(0).equals("api")) {
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
        } else if (method.equals("POST") && path.equals("/api/tickets")) {
            send(ex, 200, ticket(r));
        } else {
            throw new StudioException(404, "Not found: " + method + " " + path);
        }
    }

    /** {"for": "/api/tables/t/export?format=csv&…"} → a ticket that opens that address once, within a minute. */
    private Map<String, Object> ticket(Request r) throws IOException {
        com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(r.body());
        String target = body == null || body.get("for") == null ? "" : body.get("for").asText();
        if (!target.matches("/api/tables/[^/?]+/export\\?.*")) {
            throw new StudioException(400, "Tickets are for downloads: {\"for\": \"/api/tables/TABLE/export?format=csv&…\"}.");
        }
        long now = System.currentTimeMillis();
        tickets.values().removeIf(t -> t.expires() < now);
        String ticket = random();
        tickets.put(ticket, new Ticket(target, now + TICKET_MILLIS));
        return Map.of("ticket", ticket);
    }

    /** A browser's POST carries Origin: it must be the studio's. Scripts using the header may omit it. */
    private boolean originAllowed(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true; // the token header itself came with it: no other page's script can send it cross-origin
        }
        return origin.startsWith("http://") && hosts.contains(origin.substring("http://".length()))
                && origin.substring("http://".length()).equals(ex.getRequestHeaders().getFirst("Host"));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String random() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String postgresMessage(SQLException e) {
        String m = e.getMessage() == null ? "SQL error" : e.getMessage();
        return m.replaceFirst("^ERROR: ", "").strip();
    }

    /**
     * The view, read whole into a temporary file in one short transaction, then sent at the client's
     * pace with its length: a failure of the query (a bad filter, a terminated backend) is an error
     * answer, never a clean end of a short file, and a slow client holds no transaction or lock.
     */
    private void export(HttpExchange ex, String table, Request r) throws Exception {
        boolean json = "json".equals(r.one("format", "csv"));
        Path file = api.spoolExport(table, r);
        try {
            ex.getResponseHeaders().set("Content-Type", json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + table.replaceAll("[^A-Za-z0-9_.-]", "_")
                    + (json ? ".json" : ".csv") + "\"");
            ex.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
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
