package com.example.webexoauth.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.example.webexoauth.Browser;
import com.example.webexoauth.RunningApp;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated requests (fixed seed, loopback only) against one running app,
 * signed in and not: random, overlong and undecodable URLs, duplicated callback
 * parameters, bad and forged session cookies, every method and content type on every
 * route, and requests too malformed for the JDK client, sent over a raw socket. None may
 * get a 5xx or a body that shows an exception or a stack trace.
 */
class FuzzTests {

	static final long SEED = Long.getLong("fuzz.seed", 20260301L);

	static final int CLIENT_REQUESTS = Integer.getInteger("fuzz.requests", 3000);

	static final int RAW_REQUESTS = Integer.getInteger("fuzz.raw-requests", 400);

	static final List<String> ROUTES = List.of("/", "/oauth", "/spaces", "/profile", "/api/me", "/api/rooms", "/logout",
			"/disconnect", "/login/failed", "/oauth2/authorization/webex", "/actuator/health",
			"/actuator/health/readiness", "/actuator/prometheus", "/css/app.css", "/images/logo.svg", "/error",
			"/no-such-page", "/api/no-such-thing", "/spaces/42", "/oauth2/authorization/other", "/actuator/env",
			"/WEB-INF/web.xml", "/static/css/app.css", "/favicon.ico");

	static final List<String> PARAMETERS = List.of("code", "state", "error", "error_description", "type", "q", "sortBy",
			"continue", "redirect_uri", "_csrf", "id", "page", "x");

	static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH",
			"OPTIONS", "HEAD", "TRACE");

	static final List<String> MARKERS = List.of("Exception", "\tat ", "java.", "org.springframework", "Whitelabel");

	/**
	 * Percent-encoded bytes that are not UTF-8: lone continuation, bad sequences,
	 * surrogates, overlong forms.
	 */
	static final List<String> INVALID_UTF8 = List.of("%FF", "%C3%28", "%ED%A0%80", "%ED%BF%BF", "%F0%28%8C%BC",
			"%C0%AF", "%E2%82", "%80", "%F8%88%80%80%80", "%EF%BF%BE", "%00");

	static final List<String> NASTY = List.of("<script>alert(1)</script>", "' OR 1=1--", "../../etc/passwd",
			"${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "%0d%0aSet-Cookie:%20x=y", "null", "", "-1",
			"99999999999999999999999", "https://evil.example", "//evil.example", "%2F%2Fevil.example", "\u202Egnp.exe",
			"Zo\u00eb \u00c5ngstr\u00f6m", "\u4e2d\u6587", "\ud83d\ude00", "lastactivity", "group", "direct",
			"access_denied", "invalid_scope", "server_error");

	@RegisterExtension
	static final RunningApp app = RunningApp.perClass(0, Map.of());

	static String session;

	static String loggedOutSession;

	static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Random random = new Random(SEED);

	private final Map<String, Integer> statuses = new TreeMap<>();

	private final List<String> problems = new ArrayList<>();

	@BeforeAll
	static void start() throws IOException {
		session = Browser.signedInSession(app, "zoe@example.com");
		try (Browser browser = new Browser()) {
			HtmlPage granted = browser.signIn(app, "rahul@example.com");
			loggedOutSession = browser.cookie("SESSION");
			HtmlButton logout = granted.getFirstByXPath("//form[@action='/logout']/button");
			logout.click();
		}
	}

	@Test
	void requestsWhenGeneratedAtRandomThenNoServerErrorAndNoStackTrace() {
		System.out.println("Fuzz seed: " + SEED + " (-Dfuzz.seed=" + SEED + " to repeat), " + CLIENT_REQUESTS
				+ " client requests, " + RAW_REQUESTS + " raw-socket requests");
		int viaSocket = 0;
		for (int i = 0; i < CLIENT_REQUESTS; i++) {
			Generated request = generate();
			if (!sendWithClient(i, request)) {
				viaSocket++;
				sendRaw(i, request.toRaw(app.port()), 0);
			}
		}
		for (int i = 0; i < RAW_REQUESTS; i++) {
			Raw raw = malformed();
			sendRaw(CLIENT_REQUESTS + i, raw.bytes(), raw.protocolStatus());
		}
		System.out.println("Fuzz results by status (" + (CLIENT_REQUESTS + RAW_REQUESTS) + " requests, "
				+ (RAW_REQUESTS + viaSocket) + " over a raw socket, " + viaSocket
				+ " of them refused or failed by the JDK client): " + this.statuses);
		assertThat(this.problems).isEmpty();
		assertThat(this.statuses.values().stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(CLIENT_REQUESTS + RAW_REQUESTS);
		// the app is still whole: the signed-in user is still signed in, the probes are
		// up
		assertThat(send(
				HttpRequest.newBuilder(URI.create(app.url("/spaces"))).header("Cookie", "SESSION=" + session).build())
			.statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health/readiness"))).build()).statusCode())
			.isEqualTo(200);
	}

	/**
	 * One generated request; the target is raw (already percent-encoded, or deliberately
	 * not).
	 */
	record Generated(String method, String target, List<String[]> headers, byte[] body) {

		byte[] toRaw(int port) {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost:").append(port).append("\r\n");
			for (String[] header : this.headers) {
				head.append(header[0]).append(": ").append(header[1]).append("\r\n");
			}
			head.append("Content-Length: ").append(this.body.length).append("\r\nConnection: close\r\n\r\n");
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
			bytes.writeBytes(this.body);
			return bytes.toByteArray();
		}

		String describe() {
			return this.method + " " + abbreviate(this.target) + " "
					+ this.headers.stream().map((header) -> header[0] + ": " + abbreviate(header[1])).toList();
		}

	}

	private Generated generate() {
		String route = pick(ROUTES);
		StringBuilder target = new StringBuilder(mutatePath(route));
		int kind = this.random.nextInt(10);
		if (kind < 3 || route.equals("/oauth")) {
			target.append('?').append(callbackQuery());
		}
		else if (kind < 7) {
			target.append('?').append(randomQuery());
		}
		else if (kind == 7) {
			target.append('?').append(overlong());
		}
		List<String[]> headers = new ArrayList<>();
		cookie(headers);
		if (this.random.nextInt(3) == 0) {
			headers.add(new String[] { "Accept", pick(List.of("text/html", "application/json", "application/xml", "*/*",
					"text/plain", "image/png", "x/y;q=abc", "application/json;q=0,text/html;q=0")) });
		}
		String method = pick(METHODS);
		byte[] body = new byte[0];
		if (!method.equals("HEAD") && !method.equals("TRACE") && this.random.nextInt(3) > 0) {
			body = body(headers);
		}
		else if (this.random.nextInt(4) == 0) {
			headers.add(new String[] { "Content-Type", pick(List.of("application/json", "multipart/form-data",
					"application/x-www-form-urlencoded", "text/xml")) });
		}
		return new Generated(method, target.toString(), headers, body);
	}

	private String mutatePath(String route) {
		return switch (this.random.nextInt(14)) {
			case 0 -> route + "/" + encode(randomText(1 + this.random.nextInt(12)));
			case 1 -> route + pick(INVALID_UTF8);
			case 2 -> route + ";jsessionid=" + randomToken(20);
			case 3 -> "/" + route;
			case 4 -> route + "/";
			case 5 -> route.toUpperCase();
			case 6 -> route + "/..";
			case 7 -> route + "%2e%2e%2f";
			case 8 -> route + "." + pick(List.of("json", "xml", "html", "css", "php", "bak"));
			case 9 -> route + "/" + "a".repeat(1 + this.random.nextInt(4000));
			default -> route;
		};
	}

	/** Callback parameters, some duplicated, with hostile or undecodable values. */
	private String callbackQuery() {
		List<String> pairs = new ArrayList<>();
		for (String name : List.of("code", "state", "error", "error_description")) {
			int copies = this.random.nextInt(4);
			for (int i = 0; i < copies; i++) {
				pairs.add(name + "=" + value());
			}
		}
		if (this.random.nextBoolean()) {
			pairs.add(randomQuery());
		}
		Collections.shuffle(pairs, this.random);
		return String.join("&", pairs);
	}

	private String randomQuery() {
		List<String> pairs = new ArrayList<>();
		int count = this.random.nextInt(6);
		for (int i = 0; i < count; i++) {
			String name = this.random.nextInt(4) == 0 ? encode(randomText(1 + this.random.nextInt(8)))
					: pick(PARAMETERS);
			pairs.add(switch (this.random.nextInt(8)) {
				case 0 -> name;
				case 1 -> name + "=";
				case 2 -> "=" + value();
				default -> name + "=" + value();
			});
		}
		return String.join("&", pairs);
	}

	private String value() {
		return switch (this.random.nextInt(16)) {
			case 0 -> pick(INVALID_UTF8) + encode(randomText(this.random.nextInt(6))) + pick(INVALID_UTF8);
			case 1 -> "%uD800" + randomToken(3);
			case 2 -> overlong();
			case 3, 4, 5 -> encode(pick(NASTY));
			case 6, 7 -> randomToken(43);
			case 8, 9 -> encode(randomText(this.random.nextInt(60)));
			default -> encode(randomText(this.random.nextInt(20)));
		};
	}

	private String overlong() {
		int length = 1000 + this.random.nextInt(9000);
		return switch (this.random.nextInt(3)) {
			case 0 -> "q=" + "A".repeat(length);
			case 1 -> "q=" + "%41".repeat(length / 3);
			default -> "q=" + randomToken(length);
		};
	}

	private void cookie(List<String[]> headers) {
		String value = switch (this.random.nextInt(10)) {
			case 0, 1, 2 -> session;
			case 3 -> loggedOutSession;
			case 4 -> Base64.getEncoder().encodeToString(randomBytes(1 + this.random.nextInt(60)));
			case 5 -> randomText(1 + this.random.nextInt(40)).replace(";", "").replace(",", "");
			case 6 -> "A".repeat(1000 + this.random.nextInt(7000));
			case 7 -> session + "; SESSION=" + loggedOutSession;
			default -> null;
		};
		if (value != null) {
			headers.add(new String[] { "Cookie", "SESSION=" + value });
		}
	}

	private byte[] body(List<String[]> headers) {
		int kind = this.random.nextInt(7);
		String contentType;
		byte[] body;
		switch (kind) {
			case 0 -> {
				contentType = "application/json";
				body = pick(List.of("{\"a\":1}", "{", "[]", "{\"_csrf\":\"x\"}", "null", "\"" + "x".repeat(5000)))
					.getBytes(StandardCharsets.UTF_8);
			}
			case 1 -> {
				contentType = "application/xml";
				body = pick(List.of("<a/>",
						"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
						"<a>"))
					.getBytes(StandardCharsets.UTF_8);
			}
			case 2 -> {
				String boundary = randomToken(16);
				contentType = "multipart/form-data; boundary=" + boundary;
				body = (this.random.nextBoolean() ? "--" + boundary
						+ "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nx\r\n--" + boundary + "--\r\n"
						: "--" + randomToken(8) + "\r\ngarbage" + randomText(50))
					.getBytes(StandardCharsets.UTF_8);
			}
			case 3 -> {
				contentType = pick(List.of("multipart/form-data", "multipart/mixed; boundary=",
						"multipart/form-data; boundary=\"\""));
				body = randomBytes(this.random.nextInt(300));
			}
			case 4 -> {
				contentType = "application/x-www-form-urlencoded";
				body = (randomQuery() + "&_csrf=" + value()).getBytes(StandardCharsets.UTF_8);
			}
			case 5 -> {
				contentType = pick(List.of("text/plain", "application/octet-stream", "garbage", "a/b; charset=nope",
						"text/html; charset=UTF-7"));
				body = randomBytes(this.random.nextInt(10_000));
			}
			default -> {
				contentType = null;
				body = randomText(this.random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
			}
		}
		if (contentType != null) {
			headers.add(new String[] { "Content-Type", contentType });
		}
		return body;
	}

	/**
	 * A request sent byte for byte.
	 *
	 * @param bytes the request
	 * @param protocolStatus a 5xx that HTTP itself prescribes for this request (505 for a
	 * version the server does not speak, 501 for a transfer coding it does not know), or
	 * 0
	 */
	record Raw(byte[] bytes, int protocolStatus) {

	}

	/** Requests no well-behaved client sends, byte for byte. */
	private Raw malformed() {
		String port = String.valueOf(app.port());
		String route = pick(ROUTES);
		String host = "Host: localhost:" + port + "\r\n";
		String cookie = this.random.nextBoolean() ? "Cookie: SESSION=" + session + "\r\n" : "";
		String end = "Connection: close\r\n\r\n";
		int kind = this.random.nextInt(16);
		int protocolStatus = switch (kind) {
			case 2 -> 505;
			case 7 -> 501;
			default -> 0;
		};
		String text = switch (kind) {
			case 0 -> "GET " + route + "?q=" + randomText(20) + " HTTP/1.1\r\n" + host + cookie + end;
			case 1 -> pick(List.of("G E T", "GET\u0000", "get", "FOO", "GETT", "X".repeat(300), "")) + " " + route
					+ " HTTP/1.1\r\n" + host + end;
			case 2 -> "GET " + route + " " + pick(List.of("HTTP/9.9", "HTTP/1.1x", "HTTP/1", "FTP/1.0", "", "HTTP/0.9"))
					+ "\r\n" + host + end;
			case 3 -> "GET " + route + " HTTP/1.1\r\n" + end;
			case 4 -> "GET " + route + " HTTP/1.1\r\n" + host + "Host: evil.example\r\n" + end;
			case 5 -> "GET "
					+ route + " HTTP/1.1\r\n" + host + pick(List.of("NoColon", " Leading: space", "Bad Name: x",
							"X-A\u00e9: x", ": empty", "X-Folded: a\r\n b", "X: " + "v".repeat(9000)))
					+ "\r\n" + cookie + end;
			case 6 -> "POST " + route + " HTTP/1.1\r\n" + host + "Content-Length: "
					+ pick(List.of("-1", "abc", "1, 2", "99999999999999999999", "0x10")) + "\r\n" + cookie + end;
			case 7 -> "POST " + route + " HTTP/1.1\r\n" + host + "Transfer-Encoding: "
					+ pick(List.of("chunked", "gzip", "chunked, chunked", "xchunked")) + "\r\n" + cookie + end
					+ pick(List.of("zz\r\nhello\r\n0\r\n\r\n", "5\r\nhi\r\n0\r\n\r\n", "0\r\n\r\n", ""));
			case 8 -> "POST " + route + " HTTP/1.1\r\n" + host + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"
					+ cookie + end + "0\r\n\r\nGET / HTTP/1.1\r\n\r\n";
			case 9 -> "GET " + route + "/" + randomText(10).replace(' ', '\t') + " HTTP/1.1\r\n" + host + end;
			case 10 -> "GET " + route + "?" + pick(List.of("%", "%G1", "%1", "a=%zz", "%%", "a=%u00e9"))
					+ " HTTP/1.1\r\n" + host + cookie + end;
			case 11 -> "GET " + pick(List.of("*", "http://evil.example/", "evil", "//", "/\\evil", "/..", "/%2e%2e/"))
					+ " HTTP/1.1\r\n" + host + cookie + end;
			case 12 -> "GET " + route + " HTTP/1.1\r\n" + host + "Cookie: SESSION=" + randomText(30) + "\r\n" + end;
			case 13 -> "GET " + route + " HTTP/1.1\r\n" + host + "X-Forwarded-Proto: " + randomText(8) + "\r\n"
					+ "X-Forwarded-For: " + pick(List.of("::1", "127.0.0.1, 10.0.0.1", "garbage", "999.1.1.1"))
					+ "\r\nX-Forwarded-Host: evil.example\r\n" + end;
			case 14 -> "GET " + route + " HTTP/1.1\r\n" + host + "X-Many: x\r\n".repeat(150) + end;
			default -> null;
		};
		if (text != null) {
			return new Raw(text.getBytes(StandardCharsets.UTF_8), protocolStatus);
		}
		// raw bytes that are not UTF-8 at all in the request line
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(("GET " + route + "?q=").getBytes(StandardCharsets.US_ASCII));
		bytes.writeBytes(randomBytes(1 + this.random.nextInt(30)));
		bytes.writeBytes((" HTTP/1.1\r\n" + host + end).getBytes(StandardCharsets.US_ASCII));
		return new Raw(bytes.toByteArray(), 0);
	}

	/**
	 * Sends with the JDK client; false if it refuses to (then the request goes over a
	 * socket).
	 */
	private boolean sendWithClient(int number, Generated generated) {
		HttpRequest request;
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.url(generated.target())))
				.timeout(Duration.ofSeconds(60))
				.method(generated.method(), (generated.body().length > 0) ? BodyPublishers.ofByteArray(generated.body())
						: BodyPublishers.noBody());
			for (String[] header : generated.headers()) {
				builder.header(header[0], header[1]);
			}
			request = builder.build();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		HttpResponse<String> response;
		try {
			response = send(request);
		}
		catch (UncheckedIOException ex) {
			// e.g. Tomcat refusing oversized headers and closing while the client still
			// sends the body: the raw socket sends everything first, then reads
			return false;
		}
		StringBuilder headers = new StringBuilder();
		response.headers()
			.map()
			.forEach((name, values) -> headers.append(name).append(": ").append(values).append('\n'));
		check(number, generated.describe(), response.statusCode(), headers + "\n" + response.body(),
				generated.target() + generated.headers().stream().map((header) -> header[1]).toList(), 0);
		response.headers()
			.firstValue("Location")
			.map(URI::create)
			.filter((location) -> location.getHost() != null && !location.getHost().equals("localhost"))
			.ifPresent((location) -> this.problems
				.add("#" + number + " " + generated.describe() + " redirects to a foreign host: " + location));
		return true;
	}

	private void sendRaw(int number, byte[] request, int protocolStatus) {
		String described = abbreviate(new String(request, StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
		try (Socket socket = new Socket("localhost", app.port())) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			socket.shutdownOutput();
			String response = readAll(socket.getInputStream());
			if (response.isEmpty()) {
				record(number, described, "no response", null);
				return;
			}
			String statusLine = response.lines().findFirst().orElse("");
			String[] parts = statusLine.split(" ");
			int status = (parts.length > 1 && parts[1].matches("\\d{3}")) ? Integer.parseInt(parts[1]) : -1;
			check(number, described, status, response, new String(request, StandardCharsets.ISO_8859_1),
					protocolStatus);
		}
		catch (SocketTimeoutException ex) {
			record(number, described, "no response", "no answer within 15 s");
		}
		catch (IOException ex) {
			// Tomcat may reset a connection it refuses to read further: no answer, no
			// error page
			record(number, described, "no response", null);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			in.transferTo(bytes);
		}
		catch (IOException ex) {
			if (bytes.size() == 0) {
				throw ex;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Checks one answer.
	 * @param protocolStatus the 5xx HTTP prescribes for this malformed request, or 0
	 */
	private void check(int number, String request, int status, String response, String sent, int protocolStatus) {
		String problem = null;
		boolean prescribed = protocolStatus != 0 && status == protocolStatus;
		if ((status >= 500 && !prescribed) || status < 100) {
			problem = "status " + status;
		}
		// A scrape (loopback only) names exception classes as tag values: data, not a
		// trace.
		String[] requestLine = request.split(" ");
		boolean scrape = status == 200 && requestLine.length > 1
				&& requestLine[1].split("\\?")[0].equals("/actuator/prometheus");
		for (String marker : scrape ? List.<String>of() : MARKERS) {
			if (response.contains(marker) && !sent.contains(marker)) {
				problem = ((problem != null) ? problem + ", " : "") + "shows '" + marker.replace("\t", "\\t") + "'";
			}
		}
		if (problem != null) {
			problem += ": " + abbreviate(response.replace("\r", "").replace("\n", " | "));
		}
		record(number, request, prescribed ? status + " (prescribed by HTTP)" : String.valueOf(status), problem);
	}

	private void record(int number, String request, String status, String problem) {
		this.statuses.merge(status, 1, Integer::sum);
		if (problem != null) {
			this.problems.add("#" + number + " " + request + " -> " + problem);
		}
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String randomText(int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int kind = this.random.nextInt(10);
			if (kind < 7) {
				text.append((char) (0x20 + this.random.nextInt(0x5f)));
			}
			else if (kind < 9) {
				text.append((char) (0xa0 + this.random.nextInt(0x2000)));
			}
			else {
				text.append(Character.toChars(0x1f300 + this.random.nextInt(0x200)));
			}
		}
		return text.toString();
	}

	private String randomToken(int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < length; i++) {
			token.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return token.toString();
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String abbreviate(String value) {
		return (value.length() > 160) ? value.substring(0, 160) + "...(" + value.length() + " chars)" : value;
	}

}
