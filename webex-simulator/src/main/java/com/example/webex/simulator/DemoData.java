package com.example.webex.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The simulator's made-up Webex organization: its people and their rooms, generated the
 * same way on every start (dates count back from a reference instant).
 */
final class DemoData {

	/** The organization all demo people belong to; also the suffix of every token. */
	static final String ORG_UUID = "7a1c3e52-96d4-4b8e-a0f1-5c2d9e8b4f63";

	static final String CLUSTER = "PF84";

	static final String ORG_ID = id("ORGANIZATION", ORG_UUID);

	/**
	 * Another organization, with its own mail domain (a subdomain of the demo one, which
	 * an allow-list of {@code example.com} must not admit): its person is who an
	 * Integration limited to the demo organization refuses.
	 */
	static final String CONTRACTORS_ORG_UUID = "3f0b9d2e-6c41-4a7f-9e85-b2d7c0a41e96";

	/**
	 * Where {@link AvatarController} serves each person's avatar;
	 * {@code GET /v1/people/me} makes it absolute, as Webex's avatar URLs are.
	 */
	static final String AVATAR_PATH = "/simulator/avatars/";

	private static final DateTimeFormatter WEBEX_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	// Tokens carry a person's position in this list: only ever append.
	private static final List<PersonSpec> PEOPLE = List.of(
			new PersonSpec("zoe", "zoe@example.com", "Zoë Ångström", "Zoë", "Zoë", "Ångström", "active", 900),
			new PersonSpec("rahul", "rahul@example.com", "Rahul Deshpande", "Rahul", "Rahul", "Deshpande", "meeting",
					700),
			new PersonSpec("chen", "chen@example.com", "Chen Wei 陈伟", "陈伟", "Wei", "Chen", "DoNotDisturb", 500),
			new PersonSpec("sam", "sam@example.com", "Sam Newcomer", "Sam", "Sam", "Newcomer", "active", 3),
			new PersonSpec("bulk", "bulk@example.com", "Bulk Tester", "Bulk", "Bulk", "Tester", "inactive", 400),
			new PersonSpec("mega", "mega@example.com", "Mega Tester", "Mega", "Mega", "Tester", "OutOfOffice", 400),
			new PersonSpec("noor", "noor@contractors.example.com", "Noor Haddad", "Noor", "Noor", "Haddad", "active",
					60, CONTRACTORS_ORG_UUID));

	private static final String[] CODENAMES = { "Atlas", "Borealis", "Cúmulo", "Delta", "Èclair", "Fjord", "Gemini",
			"Hálo", "Iris", "Jade", "Kōan", "Lumen", "Mistral", "Nordlys", "Orion", "Pampa", "Quasar", "Río",
			"Sakura 桜", "Tundra", "Umbra", "Vega", "Wølf", "Xenon", "Yuzu", "Zephyr" };

	private static final String[] TOPICS = { "Standup", "Planning", "Retro", "Incidents", "Design", "Hiring", "Release",
			"Support", "Budget", "Offsite", "Research", "Ops & On-call", "Q&A", "Docs", "Launch" };

	private static final String[] FIRST_NAMES = { "Aiko", "Björn", "Chiara", "Dmitri", "Elif", "François", "Grace",
			"Hiroshi", "Ingrid", "Jamal", "Katarzyna", "Luis", "Mei", "Nnamdi", "Olga", "Priya", "Quentin", "Rosa",
			"Søren", "Tomás" };

	private static final String[] LAST_NAMES = { "Müller", "Nakamura", "O'Brien", "Petrović", "Rossi", "Silva",
			"Thompson", "Umarov", "Van der Berg", "Wójcik", "Xu", "Yılmaz", "Zhang", "Andersen", "Byrne" };

	private static final String[] TEAMS = { "Engineering", "Product", "People Ops", "Sales EMEA", "Support", "Research",
			"Finance", "Marketing" };

	private DemoData() {
	}

	static List<Person> people(Instant reference, int extraPeople) {
		List<Person> people = new ArrayList<>();
		for (PersonSpec spec : specs(extraPeople)) {
			people.add(person(spec, reference));
		}
		return people;
	}

	/**
	 * A person of the demo organization added by a test or by {@code simulator.users}:
	 * given and nick name are the display name's first word, the family name the rest.
	 * @param key the short name, e.g. {@code alice}
	 * @param email the email address
	 * @param displayName the full name
	 * @param reference the instant dates count back from
	 * @return the person
	 */
	static Person addedPerson(String key, String email, String displayName, Instant reference) {
		String[] names = displayName.strip().split("\\s+", 2);
		String lastName = (names.length > 1) ? names[1] : null;
		return person(new PersonSpec(key, email, displayName.strip(), names[0], names[0], lastName, "active", 30),
				reference);
	}

	private static Person person(PersonSpec spec, Instant reference) {
		Instant created = reference.minus(Duration.ofDays(spec.daysSinceCreated())).plusMillis(123);
		String avatar = AVATAR_PATH + spec.key() + ".svg";
		return new Person(personId(spec.key()), List.of(spec.email()), spec.displayName(), spec.nickName(),
				spec.firstName(), spec.lastName(), avatar, id("ORGANIZATION", spec.orgUuid()), format(created),
				format(created.plusSeconds(86400)), format(reference.minus(Duration.ofMinutes(17))), spec.status(),
				"person");
	}

	/**
	 * Each person's short name (e.g. {@code zoe}), in the same order as {@link #people}.
	 */
	static List<String> keys(int extraPeople) {
		return specs(extraPeople).stream().map(PersonSpec::key).toList();
	}

	/**
	 * The demo people, then {@code extraPeople} generated ones
	 * ({@code load-1@example.com} …) for tests and benchmarks that need many distinct
	 * users.
	 */
	private static List<PersonSpec> specs(int extraPeople) {
		List<PersonSpec> specs = new ArrayList<>(PEOPLE);
		for (int i = 1; i <= extraPeople; i++) {
			specs.add(new PersonSpec("load-" + i, "load-" + i + "@example.com", "Load Tester " + i, "Load " + i, "Load",
					"Tester " + i, "active", 30));
		}
		return specs;
	}

	/**
	 * Each person's rooms, in the same order as {@link #people}.
	 * @param reference the instant dates count back from
	 * @param extraPeople how many generated people follow the demo people
	 * @return one room list per person
	 */
	static List<List<Room>> rooms(Instant reference, int extraPeople) {
		List<List<Room>> rooms = new ArrayList<>(List.of(zoesRooms(reference), rahulsRooms(reference),
				chensRooms(reference), List.of(), generated("bulk", 2_500, 2_500L, reference),
				generated("mega", 5_000, 5_000L, reference), List.of()));
		for (int i = 1; i <= extraPeople; i++) {
			rooms.add(generated("load-" + i, 5, 10_000L + i, reference));
		}
		return rooms;
	}

	private static List<Room> zoesRooms(Instant ref) {
		return List.of(group(ref, "design-review", "Design Review – Q2 roadmap", "Product", 2, 120, "rahul"),
				room(ref, "all-hands", "Engineering All Hands", Room.GROUP, true, true, "Engineering", 30, 400, "chen"),
				group(ref, "cafe", "Café ☕ & Chat", null, 1, 300, "zoe"),
				group(ref, "script", "<script>alert('x')</script> & \"friends\"", null, 50, 60, "zoe"),
				group(ref, "uebergabe", "Übergabe: Release 4.2 (München)", "Engineering", 5, 45, "zoe"),
				group(ref, "paris", "Équipe Paris — Support", "Support", 70, 200, "rahul"),
				group(ref, "sakura", "プロジェクト 桜 (Sakura)", "Research", 12, 90, "chen"),
				group(ref, "incident", "Incident #4711: Login latency", "Engineering", 26, 3, "zoe"),
				group(ref, "launch", "Marketing ✨ Launch Crew", "Marketing", 200, 250, "zoe"),
				group(ref, "budget", "Budget 2026 <draft>", "Finance", 400, 410, "zoe"),
				group(ref, "book-club", "Tom & Jerry's Book Club", null, 900, 350, "zoe"),
				group(ref, "onboarding", "Onboarding – Spring 2026 cohort", "People Ops", 15, 20, "rahul"),
				room(ref, "security", "Security Champions", Room.GROUP, true, false, "Engineering", 48, 330, "chen"),
				group(ref, "sao-paulo", "São Paulo Sales 🇧🇷", "Sales EMEA", 600, 360, "zoe"),
				group(ref, "release-train", "Release Train 🚂", "Engineering", 8, 180, "rahul"),
				room(ref, "cab", "Customer Advisory Board", Room.GROUP, true, false, null, 1_200, 364, "zoe"),
				group(ref, "random", "Random 🎲", null, 3, 365, "zoe"),
				group(ref, "web-guild", "Web Platform Guild", "Engineering", 100, 150, "chen"),
				group(ref, "ski", "Ski trip ⛷️ Åre 2026", null, 2_000, 100, "zoe"),
				group(ref, "quotes", "Ops \"war room\" / 'blameless' 100% <b>bold</b>", null, 4_000, 200, "rahul"),
				direct(ref, "dm-zoe-rahul", "Rahul Deshpande", 4, 280, "zoe"),
				direct(ref, "dm-zoe-chen", "Chen Wei 陈伟", 36, 150, "chen"),
				direct(ref, "dm-zoe-marta", "Marta Kowalska", 500, 240, "zoe"),
				direct(ref, "dm-zoe-jose", "José Álvarez", 1_500, 160, "zoe"),
				direct(ref, "dm-zoe-siobhan", "Siobhán O'Connor", 8_000, 350, "zoe"));
	}

	private static List<Room> rahulsRooms(Instant ref) {
		return List.of(group(ref, "design-review", "Design Review – Q2 roadmap", "Product", 2, 120, "rahul"),
				room(ref, "all-hands", "Engineering All Hands", Room.GROUP, true, true, "Engineering", 30, 400, "chen"),
				group(ref, "paris", "Équipe Paris — Support", "Support", 70, 200, "rahul"),
				group(ref, "onboarding", "Onboarding – Spring 2026 cohort", "People Ops", 15, 20, "rahul"),
				group(ref, "release-train", "Release Train 🚂", "Engineering", 8, 180, "rahul"),
				direct(ref, "dm-zoe-rahul", "Zoë Ångström", 4, 280, "zoe"),
				direct(ref, "dm-rahul-chen", "Chen Wei 陈伟", 90, 200, "rahul"));
	}

	private static List<Room> chensRooms(Instant ref) {
		return List.of(
				room(ref, "all-hands", "Engineering All Hands", Room.GROUP, true, true, "Engineering", 30, 400, "chen"),
				group(ref, "sakura", "プロジェクト 桜 (Sakura)", "Research", 12, 90, "chen"),
				direct(ref, "dm-zoe-chen", "Zoë Ångström", 36, 150, "chen"),
				direct(ref, "dm-rahul-chen", "Rahul Deshpande", 90, 200, "rahul"));
	}

	/**
	 * A group room added at run time ({@code POST /simulator/rooms}), active now.
	 * @param owner the person's key, e.g. {@code zoe}
	 * @param title the title
	 * @param now its creation and last activity
	 * @return the room, with an id no other room has
	 */
	static Room added(String owner, String title, Instant now) {
		return new Room(id("ROOM", owner + "-added-" + UUID.randomUUID()), title, Room.GROUP, false, false, null,
				format(now), format(now), personId(owner), ORG_ID);
	}

	private static Room group(Instant ref, String key, String title, String team, int hoursSinceActivity,
			int daysSinceCreated, String creator) {
		return room(ref, key, title, Room.GROUP, false, false, team, hoursSinceActivity, daysSinceCreated, creator);
	}

	private static Room direct(Instant ref, String key, String title, int hoursSinceActivity, int daysSinceCreated,
			String creator) {
		return room(ref, key, title, Room.DIRECT, false, false, null, hoursSinceActivity, daysSinceCreated, creator);
	}

	private static Room room(Instant ref, String key, String title, String type, boolean locked,
			boolean announcementOnly, String team, int hoursSinceActivity, int daysSinceCreated, String creator) {
		// a key-derived offset gives realistic minutes and milliseconds without breaking
		// determinism
		long jitterMillis = Math.floorMod(key.hashCode(), 3_600_000);
		Instant lastActivity = ref.minus(Duration.ofHours(hoursSinceActivity)).minusMillis(jitterMillis);
		Instant created = ref.minus(Duration.ofDays(daysSinceCreated)).minusMillis(jitterMillis);
		if (created.isAfter(lastActivity)) {
			created = lastActivity.minus(Duration.ofHours(1));
		}
		return new Room(id("ROOM", key), title, type, locked, announcementOnly,
				(team != null) ? id("TEAM", team) : null, format(lastActivity), format(created), personId(creator),
				ORG_ID);
	}

	private static List<Room> generated(String owner, int count, long seed, Instant ref) {
		Random random = new Random(seed);
		List<Room> rooms = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			boolean direct = random.nextInt(100) < 18;
			String title = direct ? pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES)
					: pick(random, CODENAMES) + " · " + pick(random, TOPICS) + " " + String.format("%04d", i);
			boolean locked = !direct && random.nextInt(10) == 0;
			boolean announcementOnly = locked && random.nextInt(3) == 0;
			String team = (!direct && random.nextInt(10) < 3) ? pick(random, TEAMS) : null;
			long minutesSinceActivity = random.nextInt(365 * 24 * 60);
			long minutesSinceCreated = minutesSinceActivity + 60 + random.nextInt(365 * 24 * 60);
			int millis = random.nextInt(1000);
			String creator = direct || random.nextBoolean() ? personId(owner)
					: id("PEOPLE", "colleague-" + random.nextInt(50));
			Instant lastActivity = ref.minus(Duration.ofMinutes(minutesSinceActivity)).minusMillis(millis);
			Instant created = ref.minus(Duration.ofMinutes(minutesSinceCreated)).minusMillis(millis);
			rooms.add(new Room(id("ROOM", owner + "-" + i), title, direct ? Room.DIRECT : Room.GROUP, locked,
					announcementOnly, (team != null) ? id("TEAM", team) : null, format(lastActivity), format(created),
					creator, ORG_ID));
		}
		return rooms;
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	static String personId(String key) {
		return id("PEOPLE", key);
	}

	/** A Webex-style id: base64url of {@code ciscospark://us/<KIND>/<uuid>}. */
	private static String id(String kind, String seed) {
		UUID uuid = (kind.equals("ORGANIZATION")) ? UUID.fromString(seed) : uuid(kind, seed);
		String uri = "ciscospark://us/" + kind + "/" + uuid;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(uri.getBytes(StandardCharsets.US_ASCII));
	}

	private static UUID uuid(String kind, String seed) {
		return UUID.nameUUIDFromBytes(("webex-simulator/" + kind + "/" + seed).getBytes(StandardCharsets.UTF_8));
	}

	static String format(Instant instant) {
		return WEBEX_DATE.format(instant);
	}

	private record PersonSpec(String key, String email, String displayName, String nickName, String firstName,
			String lastName, String status, int daysSinceCreated, String orgUuid) {

		/** A person of the demo organization. */
		PersonSpec(String key, String email, String displayName, String nickName, String firstName, String lastName,
				String status, int daysSinceCreated) {
			this(key, email, displayName, nickName, firstName, lastName, status, daysSinceCreated, ORG_UUID);
		}

	}

}
