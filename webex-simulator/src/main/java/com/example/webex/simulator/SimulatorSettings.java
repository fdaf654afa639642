package com.example.webex.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.example.webex.simulator.SimulatorProperties.TokenAnswer;
import com.example.webex.simulator.SimulatorProperties.RejectedCodeError;
import com.example.webex.simulator.SimulatorProperties.TokenErrorFormat;

import org.springframework.boot.convert.DurationStyle;

/**
 * The simulator's behaviour knobs as they are right now: initialised from
 * {@link SimulatorProperties}, changeable at runtime by tests, benchmarks and
 * {@code POST /simulator/settings}.
 */
public final class SimulatorSettings {

	private final SimulatorProperties properties;

	private final AtomicLong restCalls = new AtomicLong();

	private volatile Duration accessTokenLifetime;

	private volatile Duration refreshTokenLifetime;

	private volatile Duration codeLifetime;

	private volatile boolean rotateRefreshTokens;

	private volatile boolean extendRefreshExpiry;

	private volatile Duration latency;

	private volatile int failEveryNth;

	private volatile int failStatus;

	private volatile int rateLimitEveryNth;

	private volatile Duration retryAfter;

	private volatile TokenErrorFormat tokenErrorFormat;

	private volatile boolean nextLinkDefects;

	private volatile Duration tokenLatency;

	private volatile TokenAnswer tokenAnswer;

	private volatile boolean refreshRefusalAsInvalidRequest;

	private volatile boolean omitTokenType;

	private volatile RejectedCodeError rejectedCodeError;

	private volatile boolean errorsWithoutState;

	private volatile String retryAfterHeader;

	SimulatorSettings(SimulatorProperties properties) {
		this.properties = properties;
		reset();
	}

	/**
	 * Puts every knob back to its configured value and restarts the every-Nth counting.
	 */
	public synchronized void reset() {
		this.accessTokenLifetime = this.properties.accessTokenLifetime();
		this.refreshTokenLifetime = this.properties.refreshTokenLifetime();
		this.codeLifetime = this.properties.codeLifetime();
		this.rotateRefreshTokens = this.properties.rotateRefreshTokens();
		this.extendRefreshExpiry = this.properties.extendRefreshExpiry();
		this.latency = this.properties.latency();
		this.failEveryNth = this.properties.failEveryNth();
		this.failStatus = this.properties.failStatus();
		this.rateLimitEveryNth = this.properties.rateLimitEveryNth();
		this.retryAfter = this.properties.retryAfter();
		this.tokenErrorFormat = this.properties.tokenErrorFormat();
		this.nextLinkDefects = this.properties.nextLinkDefects();
		this.tokenLatency = this.properties.tokenLatency();
		this.tokenAnswer = this.properties.tokenAnswer();
		this.refreshRefusalAsInvalidRequest = this.properties.refreshRefusalAsInvalidRequest();
		this.omitTokenType = this.properties.omitTokenType();
		this.rejectedCodeError = this.properties.rejectedCodeError();
		this.errorsWithoutState = this.properties.errorsWithoutState();
		this.retryAfterHeader = this.properties.retryAfterHeader();
		this.restCalls.set(0);
	}

	/**
	 * Changes the named knobs (names as in {@link #asMap()}; durations as {@code 20ms},
	 * {@code 14d} or ISO-8601) and restarts the every-Nth counting.
	 * @param changes knob name to new value
	 * @return all knobs after the change
	 * @throws IllegalArgumentException for an unknown knob or a value of the wrong kind;
	 * then nothing is changed
	 */
	public synchronized Map<String, Object> update(Map<String, ?> changes) {
		Map<String, Object> before = asMap();
		try {
			changes.forEach(this::set);
		}
		catch (RuntimeException ex) {
			before.forEach(this::set);
			throw new IllegalArgumentException("Invalid simulator setting: " + ex.getMessage(), ex);
		}
		this.restCalls.set(0);
		return asMap();
	}

	/** All knobs by name, durations in ISO-8601. */
	public Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("accessTokenLifetime", this.accessTokenLifetime.toString());
		map.put("refreshTokenLifetime", this.refreshTokenLifetime.toString());
		map.put("codeLifetime", this.codeLifetime.toString());
		map.put("rotateRefreshTokens", this.rotateRefreshTokens);
		map.put("extendRefreshExpiry", this.extendRefreshExpiry);
		map.put("latency", this.latency.toString());
		map.put("failEveryNth", this.failEveryNth);
		map.put("failStatus", this.failStatus);
		map.put("rateLimitEveryNth", this.rateLimitEveryNth);
		map.put("retryAfter", this.retryAfter.toString());
		map.put("tokenErrorFormat", this.tokenErrorFormat.name().toLowerCase(Locale.ROOT));
		map.put("nextLinkDefects", this.nextLinkDefects);
		map.put("tokenLatency", this.tokenLatency.toString());
		map.put("tokenAnswer", this.tokenAnswer.name().toLowerCase(Locale.ROOT));
		map.put("refreshRefusalAsInvalidRequest", this.refreshRefusalAsInvalidRequest);
		map.put("omitTokenType", this.omitTokenType);
		map.put("rejectedCodeError", this.rejectedCodeError.code());
		map.put("errorsWithoutState", this.errorsWithoutState);
		map.put("retryAfterHeader", this.retryAfterHeader);
		return map;
	}

	// Typed changes, one knob each, validated and applied as update() does it; they
	// return these settings for chaining, e.g.
	// settings.rateLimitEveryNth(3).retryAfter(Duration.ofSeconds(2)). What each knob
	// means: SimulatorProperties.

	/** Changes how long access tokens issued from now on are valid; positive. */
	public SimulatorSettings accessTokenLifetime(Duration lifetime) {
		return change("accessTokenLifetime", lifetime);
	}

	/** Changes how long refresh tokens issued from now on are valid; positive. */
	public SimulatorSettings refreshTokenLifetime(Duration lifetime) {
		return change("refreshTokenLifetime", lifetime);
	}

	/** Changes how long authorization codes issued from now on may wait; positive. */
	public SimulatorSettings codeLifetime(Duration lifetime) {
		return change("codeLifetime", lifetime);
	}

	/** Changes whether each refresh returns a new refresh token. */
	public SimulatorSettings rotateRefreshTokens(boolean rotate) {
		return change("rotateRefreshTokens", rotate);
	}

	/** Changes whether a refresh resets the refresh token's expiry (at most daily). */
	public SimulatorSettings extendRefreshExpiry(boolean extend) {
		return change("extendRefreshExpiry", extend);
	}

	/** Changes the delay added to every REST and token call; not negative. */
	public SimulatorSettings latency(Duration latency) {
		return change("latency", latency);
	}

	/** Makes every Nth REST call answer {@link #failStatus()}; 0 turns this off. */
	public SimulatorSettings failEveryNth(int everyNth) {
		return change("failEveryNth", everyNth);
	}

	/** Changes the status of injected failures; 4xx or 5xx. */
	public SimulatorSettings failStatus(int status) {
		return change("failStatus", status);
	}

	/**
	 * Makes every Nth REST call answer 429 with {@code Retry-After}; 0 turns this off.
	 */
	public SimulatorSettings rateLimitEveryNth(int everyNth) {
		return change("rateLimitEveryNth", everyNth);
	}

	/** Changes the wait a 429 announces (rounded up to whole seconds); not negative. */
	public SimulatorSettings retryAfter(Duration retryAfter) {
		return change("retryAfter", retryAfter);
	}

	/** Changes the body shape of token endpoint errors. */
	public SimulatorSettings tokenErrorFormat(TokenErrorFormat format) {
		return change("tokenErrorFormat", format);
	}

	/** Changes whether {@code rel="next"} links carry Webex's known defects. */
	public SimulatorSettings nextLinkDefects(boolean defects) {
		return change("nextLinkDefects", defects);
	}

	/** Changes the delay added to token endpoint calls only; not negative. */
	public SimulatorSettings tokenLatency(Duration latency) {
		return change("tokenLatency", latency);
	}

	/** Changes what the token endpoint answers, whatever it is asked. */
	public SimulatorSettings tokenAnswer(TokenAnswer answer) {
		return change("tokenAnswer", answer);
	}

	/** Changes whether a refused refresh token gets Webex's {@code invalid_request}. */
	public SimulatorSettings refreshRefusalAsInvalidRequest(boolean webexStyle) {
		return change("refreshRefusalAsInvalidRequest", webexStyle);
	}

	/** Changes whether token responses leave out {@code token_type}. */
	public SimulatorSettings omitTokenType(boolean omit) {
		return change("omitTokenType", omit);
	}

	/** Changes the OAuth error a refused authorization code gets. */
	public SimulatorSettings rejectedCodeError(RejectedCodeError error) {
		return change("rejectedCodeError", error);
	}

	/**
	 * Changes whether error redirects from the authorization endpoint leave out
	 * {@code state}.
	 */
	public SimulatorSettings errorsWithoutState(boolean withoutState) {
		return change("errorsWithoutState", withoutState);
	}

	/**
	 * Sends this {@code Retry-After} value verbatim with each 429 instead of
	 * {@link #retryAfter()}; empty turns this off. No control characters.
	 */
	public SimulatorSettings retryAfterHeader(String value) {
		return change("retryAfterHeader", value);
	}

	private SimulatorSettings change(String name, Object value) {
		if (value == null) {
			throw new IllegalArgumentException("Invalid simulator setting: " + name + " must not be null");
		}
		update(Map.of(name, value));
		return this;
	}

	private void set(String name, Object value) {
		switch (name) {
			case "accessTokenLifetime" -> this.accessTokenLifetime = positive(duration(value), name);
			case "refreshTokenLifetime" -> this.refreshTokenLifetime = positive(duration(value), name);
			case "codeLifetime" -> this.codeLifetime = positive(duration(value), name);
			case "rotateRefreshTokens" -> this.rotateRefreshTokens = bool(value);
			case "extendRefreshExpiry" -> this.extendRefreshExpiry = bool(value);
			case "latency" -> this.latency = notNegative(duration(value), name);
			case "failEveryNth" -> this.failEveryNth = notNegative(integer(value), name);
			case "failStatus" -> this.failStatus = errorStatus(integer(value));
			case "rateLimitEveryNth" -> this.rateLimitEveryNth = notNegative(integer(value), name);
			case "retryAfter" -> this.retryAfter = notNegative(duration(value), name);
			case "tokenErrorFormat" ->
				this.tokenErrorFormat = TokenErrorFormat.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
			case "nextLinkDefects" -> this.nextLinkDefects = bool(value);
			case "tokenLatency" -> this.tokenLatency = notNegative(duration(value), name);
			case "tokenAnswer" -> this.tokenAnswer = TokenAnswer
				.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_'));
			case "refreshRefusalAsInvalidRequest" -> this.refreshRefusalAsInvalidRequest = bool(value);
			case "omitTokenType" -> this.omitTokenType = bool(value);
			case "rejectedCodeError" ->
				this.rejectedCodeError = RejectedCodeError.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
			case "errorsWithoutState" -> this.errorsWithoutState = bool(value);
			case "retryAfterHeader" -> this.retryAfterHeader = headerValue(value);
			default -> throw new IllegalArgumentException("unknown knob '" + name + "'");
		}
	}

	private static Duration duration(Object value) {
		return (value instanceof Duration duration) ? duration : DurationStyle.detectAndParse(String.valueOf(value));
	}

	private static boolean bool(Object value) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		String text = String.valueOf(value);
		if (!text.equals("true") && !text.equals("false")) {
			throw new IllegalArgumentException("not a boolean: " + text);
		}
		return Boolean.parseBoolean(text);
	}

	private static int integer(Object value) {
		return (value instanceof Number number) ? Math.toIntExact(number.longValue())
				: Integer.parseInt(String.valueOf(value));
	}

	private static Duration positive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
		return value;
	}

	private static Duration notNegative(Duration value, String name) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return value;
	}

	private static int notNegative(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative");
		}
		return value;
	}

	private static String headerValue(Object value) {
		String text = String.valueOf(value);
		if (text.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
			throw new IllegalArgumentException("retryAfterHeader must not contain control characters");
		}
		return text;
	}

	private static int errorStatus(int value) {
		if (value < 400 || value > 599) {
			throw new IllegalArgumentException("failStatus must be 4xx or 5xx");
		}
		return value;
	}

	/** Holds the calling request thread for the configured latency. */
	void applyLatency() {
		sleep(this.latency);
	}

	/** Holds a token endpoint call for the configured latency and token latency. */
	void applyTokenLatency() {
		sleep(this.latency.plus(this.tokenLatency));
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Numbers REST calls from 1 so that every-Nth faults are predictable. */
	long nextRestCallNumber() {
		return this.restCalls.incrementAndGet();
	}

	public Duration accessTokenLifetime() {
		return this.accessTokenLifetime;
	}

	public Duration refreshTokenLifetime() {
		return this.refreshTokenLifetime;
	}

	public Duration codeLifetime() {
		return this.codeLifetime;
	}

	public boolean rotateRefreshTokens() {
		return this.rotateRefreshTokens;
	}

	public boolean extendRefreshExpiry() {
		return this.extendRefreshExpiry;
	}

	public Duration latency() {
		return this.latency;
	}

	public int failEveryNth() {
		return this.failEveryNth;
	}

	public int failStatus() {
		return this.failStatus;
	}

	public int rateLimitEveryNth() {
		return this.rateLimitEveryNth;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public TokenErrorFormat tokenErrorFormat() {
		return this.tokenErrorFormat;
	}

	public boolean nextLinkDefects() {
		return this.nextLinkDefects;
	}

	public Duration tokenLatency() {
		return this.tokenLatency;
	}

	public TokenAnswer tokenAnswer() {
		return this.tokenAnswer;
	}

	public boolean refreshRefusalAsInvalidRequest() {
		return this.refreshRefusalAsInvalidRequest;
	}

	public boolean omitTokenType() {
		return this.omitTokenType;
	}

	public RejectedCodeError rejectedCodeError() {
		return this.rejectedCodeError;
	}

	public boolean errorsWithoutState() {
		return this.errorsWithoutState;
	}

	public String retryAfterHeader() {
		return this.retryAfterHeader;
	}

}
