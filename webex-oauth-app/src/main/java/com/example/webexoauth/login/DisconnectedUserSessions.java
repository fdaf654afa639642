package com.example.webexoauth.login;

import java.util.Set;

import com.example.webexoauth.token.GrantDisconnected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends every session of a user who disconnected their Webex account, on every instance: the
 * sessions live in the shared database, where Spring Session's principal-name index finds
 * them. Ending only the session that pressed Disconnect would leave a stolen one signed in,
 * regaining Webex access as soon as the user connects again.
 */
@Component
class DisconnectedUserSessions {

	private static final Logger logger = LoggerFactory.getLogger(DisconnectedUserSessions.class);

	private final FindByIndexNameSessionRepository<?> sessions;

	DisconnectedUserSessions(FindByIndexNameSessionRepository<?> sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void endSessions(GrantDisconnected disconnected) {
		Set<String> ids = this.sessions.findByPrincipalName(disconnected.principalName()).keySet();
		ids.forEach(this.sessions::deleteById);
		logger.info("Ended {} session(s) of a user who disconnected", ids.size());
	}

}
