package com.example.webex.login;

import java.util.Set;

import com.example.webex.vault.GrantDisconnected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Ends every session of a user who disconnected their Webex account, on every instance:
 * the sessions live in the shared database, where Spring Session's principal-name index
 * finds them. Ending only the session that pressed Disconnect would leave a stolen one
 * signed in, regaining Webex access as soon as the user connects again.
 */
class DisconnectedUserSessions {

	private static final Logger logger = LoggerFactory.getLogger(DisconnectedUserSessions.class);

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	DisconnectedUserSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void endSessions(GrantDisconnected disconnected) {
		// without such a store the application's sessions are its own business
		this.sessions.ifAvailable((store) -> {
			Set<String> ids = store.findByPrincipalName(disconnected.principalName()).keySet();
			ids.forEach(store::deleteById);
			logger.info("Ended {} session(s) of a user who disconnected", ids.size());
		});
	}

}
