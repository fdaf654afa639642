package com.example.webexoauth.system;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A session repository in front of Spring Session's JDBC one that writes a session only
 * when something in it changed or its last-access time is due, and opens a transaction
 * only for such writes.
 * <p>
 * Spring Session stores the time of every request, which the JDBC repository turns into
 * an {@code UPDATE} in a transaction per request; Spring Session declined to make that
 * optional (spring-session #1065). Here a new access time is stored only once it has
 * moved by a hundredth of the session timeout, at most {@code maxWriteInterval}. The
 * price: a session expires up to one write interval (a minute at an 8 h timeout) earlier
 * than the timeout after its last request, as every instance sees the stored time. A
 * later access time is still written whenever the session is saved for another change,
 * and an older one (a slow request ending after a newer one) never replaces a newer one.
 * <p>
 * The delegate must run its statements without a transaction of its own
 * ({@code TransactionOperations.withoutTransaction()}): loading a session is then one
 * {@code SELECT} in auto-commit instead of a transaction around it, and {@link #save}
 * runs the delegate's statements (a session row and its attribute rows) in
 * {@code writes}. Its other operations are single statements. This relies on the delegate
 * writing only in {@code save}, which holds for Spring Session's default flush mode
 * ({@code on-save}).
 *
 * @param <S> the delegate's session type
 */
final class WriteSparingSessionRepository<S extends Session>
		implements FindByIndexNameSessionRepository<WriteSparingSessionRepository.WriteSparingSession<S>> {

	/** Which part of a session's timeout a new access time may wait for its write. */
	static final int TIMEOUT_PARTS = 100;

	private final FindByIndexNameSessionRepository<S> delegate;

	private final TransactionOperations writes;

	private final Duration maxWriteInterval;

	WriteSparingSessionRepository(FindByIndexNameSessionRepository<S> delegate, TransactionOperations writes,
			Duration maxWriteInterval) {
		this.delegate = delegate;
		this.writes = writes;
		this.maxWriteInterval = maxWriteInterval;
	}

	@Override
	public WriteSparingSession<S> createSession() {
		WriteSparingSession<S> session = wrap(this.delegate.createSession());
		session.changed = true;
		return session;
	}

	@Override
	public void save(WriteSparingSession<S> session) {
		if (session.changed || session.accessTimeDue) {
			this.writes.executeWithoutResult((status) -> this.delegate.save(session.delegate));
			session.saved();
		}
	}

	/**
	 * The session with this id: within a request, the one this request loaded already
	 * ({@link SessionLoadedOncePerRequest}), in the state this request gave it, which is
	 * the stored state plus this request's changes; otherwise the stored one.
	 */
	@Override
	public WriteSparingSession<S> findById(String id) {
		Map<String, Session> loaded = SessionLoadedOncePerRequest.loaded();
		if (loaded != null && loaded.get(id) instanceof WriteSparingSession<?> known && id.equals(known.getId())) {
			@SuppressWarnings("unchecked") // only this repository puts sessions there
			WriteSparingSession<S> session = (WriteSparingSession<S>) known;
			return session;
		}
		S stored = this.delegate.findById(id);
		if (stored == null) {
			return null;
		}
		WriteSparingSession<S> session = wrap(stored);
		if (loaded != null) {
			loaded.put(id, session);
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		Map<String, Session> loaded = SessionLoadedOncePerRequest.loaded();
		if (loaded != null) {
			loaded.remove(id);
		}
		this.delegate.deleteById(id);
	}

	@Override
	public Map<String, WriteSparingSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, WriteSparingSession<S>> sessions = new LinkedHashMap<>();
		this.delegate.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, session) -> sessions.put(id, wrap(session)));
		return sessions;
	}

	private WriteSparingSession<S> wrap(S session) {
		return new WriteSparingSession<>(session, this.maxWriteInterval);
	}

	/**
	 * How long a new access time may wait: a hundredth of the timeout, at most
	 * {@code maxWriteInterval} (and that for sessions that never expire).
	 */
	static Duration writeInterval(Duration maxInactiveInterval, Duration maxWriteInterval) {
		if (maxInactiveInterval.isNegative()) {
			return maxWriteInterval;
		}
		Duration part = maxInactiveInterval.dividedBy(TIMEOUT_PARTS);
		return (part.compareTo(maxWriteInterval) < 0) ? part : maxWriteInterval;
	}

	/**
	 * A session that knows whether saving it has anything to write, and whose new access
	 * time reaches the delegate only when it is due or the session is written anyway.
	 *
	 * @param <S> the delegate's session type
	 */
	static final class WriteSparingSession<S extends Session> implements Session {

		private final S delegate;

		private final Duration maxWriteInterval;

		/** A later access time than the delegate's that is not due for writing yet. */
		private Instant pendingAccessTime;

		/** Whether the delegate has a new access time to write. */
		private boolean accessTimeDue;

		/** Whether anything but the access time changed (or the session is new). */
		private boolean changed;

		WriteSparingSession(S delegate, Duration maxWriteInterval) {
			this.delegate = delegate;
			this.maxWriteInterval = maxWriteInterval;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			Instant stored = this.delegate.getLastAccessedTime();
			Duration due = writeInterval(this.delegate.getMaxInactiveInterval(), this.maxWriteInterval);
			if (!lastAccessedTime.isBefore(stored.plus(due))) {
				this.delegate.setLastAccessedTime(lastAccessedTime);
				this.pendingAccessTime = null;
				this.accessTimeDue = true;
			}
			else if (lastAccessedTime.isAfter(stored)) {
				this.pendingAccessTime = lastAccessedTime;
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return (this.pendingAccessTime != null) ? this.pendingAccessTime : this.delegate.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public String changeSessionId() {
			changed();
			return this.delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			// Removing an attribute that is not there changes nothing (Spring MVC and
			// Security do that on ordinary requests); the names are known without
			// deserializing a value.
			if (attributeValue != null || this.delegate.getAttributeNames().contains(attributeName)) {
				changed();
			}
			this.delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			setAttribute(attributeName, null);
		}

		@Override
		public Instant getCreationTime() {
			return this.delegate.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			changed();
			this.delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.delegate.isExpired();
		}

		private void changed() {
			this.changed = true;
			if (this.pendingAccessTime != null) {
				// the session row is written anyway: the newest access time costs nothing
				// extra
				this.delegate.setLastAccessedTime(this.pendingAccessTime);
				this.pendingAccessTime = null;
			}
		}

		private void saved() {
			this.changed = false;
			this.accessTimeDue = false;
		}

	}

}
