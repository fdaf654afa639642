package com.example.webex.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Start-up configuration of the built-in Webex simulator; the knobs below
 * {@code accessTokenLifetime} can also be changed at runtime through
 * {@link SimulatorSettings}.
 *
 * @param clientId the one registered Integration's client id
 * @param clientSecret the one registered Integration's client secret
 * @param redirectUris the redirect URIs registered on the Integration (exact match)
 * @param clientName the Integration's name shown on the consent page
 * @param accessTokenLifetime how long an access token is valid
 * @param refreshTokenLifetime how long a refresh token is valid
 * @param codeLifetime how long an authorization code may wait to be exchanged
 * @param rotateRefreshTokens whether each refresh returns a new refresh token (the
 * previous one stays valid until the new one is first used)
 * @param extendRefreshExpiry whether a refresh resets the refresh token's expiry to the
 * full lifetime (at most once per 24 hours per grant)
 * @param latency delay added to every REST and token call
 * @param failEveryNth every Nth REST call answers {@code failStatus}; 0 turns this off
 * @param failStatus the HTTP status of injected failures
 * @param rateLimitEveryNth every Nth REST call answers 429 with {@code Retry-After}; 0
 * turns this off
 * @param retryAfter the wait announced in {@code Retry-After} (rounded up to whole
 * seconds)
 * @param retryAfterHeader when not empty, the {@code Retry-After} value sent verbatim
 * instead of {@code retryAfter}: huge, negative, an HTTP date or garbage, as a
 * misbehaving server or proxy might send
 * @param tokenErrorFormat the body shape of token endpoint errors
 * @param nextLinkDefects whether {@code rel="next"} URLs carry Webex's known defects: an
 * errant {@code max=null} and no {@code type} or {@code sortBy}
 * @param secretFile where the token-signing secret is kept so tokens survive a restart;
 * unset means a random secret per start
 * @param adminEndpoints whether the {@code /simulator/**} admin endpoints are exposed
 * @param tokenLatency delay added to token endpoint calls only, on top of {@code latency}
 * @param tokenAnswer what the token endpoint answers instead of doing its work, as
 * something in front of Webex (a WAF, a proxy, a wrong base URL) would
 * @param refreshRefusalAsInvalidRequest whether a refresh token that is no longer
 * accepted is refused as Webex does it, {@code 400 invalid_request} with "The refresh
 * token provided is expired, revoked, malformed, or invalid" (webex-js-sdk PR #855),
 * rather than RFC 6749's {@code invalid_grant}
 * @param extraPeople generated people ({@code load-1@example.com} …) added after the demo
 * people, each with a few rooms, for tests and benchmarks that need many distinct users
 * @param omitTokenType whether token responses leave out {@code token_type}, as some of
 * real Webex's do
 * @param rejectedCodeError the OAuth error a refused authorization code gets: RFC 6749's
 * {@code invalid_grant}, or {@code invalid_request} as real Webex may answer
 * @param errorsWithoutState whether error redirects from the authorization endpoint leave
 * out {@code state}, as real Webex's may
 * @param users people added to the demo organization after the demo and generated people,
 * e.g. {@code simulator.users[0].key=alice},
 * {@code simulator.users[0].email=alice@example.com},
 * {@code simulator.users[0].display-name=Alice Example}
 * @param rooms group rooms added to a user's rooms at start, e.g.
 * {@code simulator.rooms[0].user=alice}, {@code simulator.rooms[0].title=Launch}; unlike
 * rooms added at run time they stay when the rooms are reset
 */
@ConfigurationProperties("simulator")
public record SimulatorProperties(
		@DefaultValue("C0ffee5dbe6a4c1d9c2e1f7b3a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f9") String clientId,
		@DefaultValue("demo-secret-not-for-production") String clientSecret, @DefaultValue( {
				"http://localhost:10060/oauth", "http://127.0.0.1:10060/oauth" }) List<String> redirectUris,
		@DefaultValue("Webex OAuth Example") String clientName, @DefaultValue("14d") Duration accessTokenLifetime,
		@DefaultValue("90d") Duration refreshTokenLifetime, @DefaultValue("60s") Duration codeLifetime,
		@DefaultValue("false") boolean rotateRefreshTokens, @DefaultValue("true") boolean extendRefreshExpiry,
		@DefaultValue("0ms") Duration latency, @DefaultValue("0") int failEveryNth, @DefaultValue("503") int failStatus,
		@DefaultValue("0") int rateLimitEveryNth, @DefaultValue("1s") Duration retryAfter,
		@DefaultValue("oauth") TokenErrorFormat tokenErrorFormat, @DefaultValue("false") boolean nextLinkDefects,
		Path secretFile, @DefaultValue("true") boolean adminEndpoints, @DefaultValue("0ms") Duration tokenLatency,
		@DefaultValue("normal") TokenAnswer tokenAnswer, @DefaultValue("false") boolean refreshRefusalAsInvalidRequest,
		@DefaultValue("0") int extraPeople, @DefaultValue("false") boolean omitTokenType,
		@DefaultValue("invalid_grant") RejectedCodeError rejectedCodeError,
		@DefaultValue("false") boolean errorsWithoutState, @DefaultValue("") String retryAfterHeader,
		List<AddedUser> users, List<AddedRoom> rooms){

	public SimulatorProperties {
		// not @DefaultValue: an empty list is no value to write down
		users = (users != null) ? List.copyOf(users) : List.of();
		rooms = (rooms != null) ? List.copyOf(rooms) : List.of();
	}

	/**
	 * A person to add to the demo organization.
	 *
	 * @param key the short name ({@code a-z}, digits, {@code . _ -}), also their avatar's
	 * name
	 * @param email the email address they sign in with
	 * @param displayName the full name; the first word is the given name
	 */
	public record AddedUser(String key, String email, String displayName) {
	}

	/**
	 * A group room to add to a user's rooms.
	 *
	 * @param user the user's key, email or person id
	 * @param title the room's title
	 */
	public record AddedRoom(String user, String title) {
	}

	/** The body shape of token endpoint errors. */
	public enum TokenErrorFormat {

		/** RFC 6749 {@code {"error", "error_description"}}. */
		OAUTH,

		/**
		 * Webex's {@code {"message", "errors", "trackingId"}} envelope plus
		 * {@code "error"}.
		 */
		WEBEX

	}

	/** What the token endpoint answers, whatever it was asked. */
	public enum TokenAnswer {

		/** Its real answer: tokens or an OAuth 2.0 error. */
		NORMAL,

		/** 403 with an HTML page, as a web application firewall blocks a request. */
		FORBIDDEN_HTML,

		/** 404 with an HTML page, as a server at a mistyped base URL answers. */
		NOT_FOUND,

		/**
		 * 400 {@code {"error":"invalid_request"}} without a description, as a proxy
		 * might.
		 */
		BARE_INVALID_REQUEST,

		/** 500 with an HTML page. */
		SERVER_ERROR,

		/**
		 * 200 with an HTML page instead of a token response (a captive portal, a login
		 * page).
		 */
		NOT_JSON

	}

	/** The OAuth error code for an authorization code the token endpoint refuses. */
	public enum RejectedCodeError {

		/** What RFC 6749 prescribes. */
		INVALID_GRANT,

		/** What real Webex has been seen to answer instead. */
		INVALID_REQUEST;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
