package com.example.webex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's packages form layers, each importing only those below it, and no cycle:
 * {@code client} at the bottom, then the vault ({@code vault} and its sub-packages, which
 * never import the vault's public face), then {@code login}.
 */
class PackageStructureTests {

	private static final String STARTER = "com.example.webex";

	private final PackageImports imports = PackageImports.read(Path.of("src/main/java"), STARTER);

	@Test
	void importsWhenReadThenEveryPackageOfTheStarterSeen() {
		assertThat(this.imports.imports()).containsKeys(STARTER + ".client", STARTER + ".vault",
				STARTER + ".vault.store", STARTER + ".vault.crypto", STARTER + ".login");
		assertThat(this.imports.imports().get(STARTER + ".vault")).contains(STARTER + ".vault.store",
				STARTER + ".client");
	}

	@Test
	void importsWhenReadThenNoCycleBetweenPackagesAndNoImportOfALayerAbove() {
		assertThat(this.imports.cycles()).isEmpty();
		assertThat(this.imports.upwardImports(PackageStructureTests::layer)).isEmpty();
	}

	@Test
	void cyclesWhenPackagesImportEachOtherAroundACircleThenFound(@TempDir Path sources) throws IOException {
		write(sources, "a", "import b.B;");
		write(sources, "b", "import static c.C.call;");
		write(sources, "c", "import a.*;");
		write(sources, "d", "import a.A;");
		PackageImports read = PackageImports.read(sources, "");
		assertThat(read.cycles()).containsExactly(Set.of("a", "b", "c"));
		assertThat(read.upwardImports((pkg) -> pkg.equals("d") ? 0 : 1)).containsExactly("d -> a");
	}

	private static int layer(String pkg) {
		if (pkg.startsWith(STARTER + ".client")) {
			return 0;
		}
		if (pkg.startsWith(STARTER + ".vault")) {
			return 1;
		}
		return 2;
	}

	private static void write(Path root, String pkg, String imports) throws IOException {
		Path file = root.resolve(pkg).resolve(pkg.toUpperCase() + ".java");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "package " + pkg + ";\n\n" + imports + "\n\nclass " + pkg.toUpperCase() + " {\n}\n");
	}

}
