package com.example.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.example.webex.client.Room;
import com.example.webex.client.WebexApiException;
import com.example.webex.client.WebexClient;
import com.example.webex.vault.ConsentRequired;
import com.example.webex.vault.GrantDisconnected;
import com.example.webex.vault.ReconnectRequiredException;
import com.example.webex.vault.TokenEndpointUnavailableException;
import com.example.webex.vault.TokenVault;
import com.example.webex.vault.UserNotAllowedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * For each connected user, the spaces with activity since yesterday: run every day
 * ({@code digest.cron}) with no one signed in, each user's Webex calls made with their
 * own grant through the vault.
 */
@Component
class DailyDigest implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(DailyDigest.class);

	// any Webex list endpoint goes through list(); sorted by Webex, the digest reads
	// newest first
	private static final Map<String, String> MOST_RECENT_FIRST = Map.of("sortBy", "lastactivity");

	private final TokenVault vault;

	private final WebexClient webex;

	private final DigestProperties properties;

	// each user's last digest, for GET /; dropped when their grant goes
	private final Map<String, Digest> latest = new ConcurrentHashMap<>();

	DailyDigest(TokenVault vault, WebexClient webex, DigestProperties properties) {
		this.vault = vault;
		this.webex = webex;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addCronTask(this::run, this.properties.cron());
	}

	/**
	 * Makes every connected user's digest now. A user whose grant cannot be used is
	 * skipped; the others still get theirs.
	 * @return each user's digest, and who was skipped and why
	 */
	DigestRun run() {
		Instant since = Instant.now().minus(this.properties.window());
		Map<String, Digest> digests = new LinkedHashMap<>();
		Map<String, Skipped> skipped = new LinkedHashMap<>();
		for (String user : this.vault.connectedUsers()) {
			try {
				List<Room> rooms = this.vault.callAs(user,
						() -> this.webex.list("/rooms", MOST_RECENT_FIRST, Room.class));
				digests.put(user, digest(user, since, rooms));
			}
			catch (ReconnectRequiredException ex) {
				// Webex refused their grant (e.g. they removed the Integration): they
				// must sign in again
				skipped.put(user, skip(user, Skipped.RECONNECT_REQUIRED));
			}
			catch (UserNotAllowedException ex) {
				skipped.put(user, skip(user, Skipped.NOT_ALLOWED));
			}
			catch (WebexApiException | TokenEndpointUnavailableException ex) {
				// their grant is left as it was: tomorrow's run tries again
				skipped.put(user, skip(user, Skipped.WEBEX_UNAVAILABLE));
			}
		}
		logger.info("Daily digest since {}: {} users, {} skipped", since, digests.size(), skipped.size());
		return new DigestRun(since, digests, skipped);
	}

	/** The user's last digest, if one ran since they connected. */
	Optional<Digest> latest(String user) {
		return Optional.ofNullable(this.latest.get(user));
	}

	@EventListener
	void disconnected(GrantDisconnected event) {
		this.latest.remove(event.principalName());
	}

	@EventListener
	void consentRequired(ConsentRequired event) {
		this.latest.remove(event.principalName());
	}

	private Digest digest(String user, Instant since, List<Room> rooms) {
		List<Space> spaces = new ArrayList<>();
		for (Room room : rooms) {
			if (room.lastActivity() != null && room.lastActivity().isAfter(since)) {
				spaces.add(new Space(room.title(), room.lastActivity()));
			}
		}
		Digest digest = new Digest(since, spaces);
		this.latest.put(user, digest);
		// counts only: space titles are the user's to read, not the log's
		logger.info("Daily digest for {}: {} of {} spaces active", user, spaces.size(), rooms.size());
		return digest;
	}

	private static Skipped skip(String user, Skipped reason) {
		logger.info("Daily digest for {} skipped: {}", user, reason);
		return reason;
	}

	/**
	 * One user's digest.
	 *
	 * @param since the start of the window
	 * @param spaces the spaces with activity since then, most recent first
	 */
	record Digest(Instant since, List<Space> spaces) {

	}

	/**
	 * A space in a digest.
	 *
	 * @param title its title
	 * @param lastActivity when it last saw activity
	 */
	record Space(String title, Instant lastActivity) {

	}

	/**
	 * What one run made, by Webex person id.
	 *
	 * @param since the start of the window
	 * @param digests the digest of each user it reached
	 * @param skipped the users it could not reach, and why
	 */
	record DigestRun(Instant since, Map<String, Digest> digests, Map<String, Skipped> skipped) {

	}

	/** Why a connected user got no digest. */
	enum Skipped {

		/** Webex refused their grant: they must sign in again. */
		RECONNECT_REQUIRED,

		/** The allow-list no longer admits them. */
		NOT_ALLOWED,

		/** Webex failed or could not be reached; their grant is kept for the next run. */
		WEBEX_UNAVAILABLE

	}

}
