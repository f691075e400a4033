package index

import (
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"The ministry said on Tuesday that the files would be published after the election, and that the " +
			"committee had not seen them before the vote was taken.", ""},
		{"Das Ministerium teilte am Dienstag mit, dass die Dateien nach der Wahl veröffentlicht werden, und " +
			"dass der Ausschuss sie vor der Abstimmung nicht gesehen hat.", "de"},
		{"Le ministère a déclaré mardi que les fichiers seraient publiés après l'élection, et que la " +
			"commission ne les avait pas vus avant le vote.", "fr"},
		{"El ministerio dijo el martes que los archivos se publicarían después de las elecciones, y que la " +
			"comisión no los había visto antes de la votación.", "es"},
		{"Министерство заявило во вторник, что файлы будут опубликованы после выборов и что комиссия не " +
			"видела их до голосования.", "ru"},
		{"Il ministero ha detto martedì che i file saranno pubblicati dopo le elezioni, e che la commissione " +
			"non li aveva visti prima del voto.", "it"},
		{"Het ministerie zei dinsdag dat de bestanden na de verkiezingen worden gepubliceerd, en dat de " +
			"commissie ze voor de stemming niet had gezien.", "nl"},
		{"Datei", ""}, // too short to tell
		{"북한군 병력이 쿠르스크에 배치되었다", ""}, // no stop words: the default analyzer
		{"", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage(tt.text); got != tt.want {
			t.Errorf("detectLanguage(%.40q…) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLanguageStemming: a word is stemmed as its briefing's language
// stems it, and only there.
func TestLanguageStemming(t *testing.T) {
	lib, cache := t.TempDir(), t.TempDir()
	writeFiles(t, lib, map[string]string{
		// German, told by its words.
		"de.md": "# Bericht\n\nDie Behörde hat die Datei am Dienstag veröffentlicht, und der Minister hat " +
			"gesagt, dass sie nicht vollständig ist.\n",
		// German, told by front matter: too short to tell otherwise.
		"kurz.md": "---\nlang: de-CH\n---\n# Häuser\n\nHäuser am See.\n",
		// English, quoting a German word.
		"en.md": "# Report\n\nThe agency published the Dateien on Tuesday, and the minister said that they " +
			"were not complete.\n",
	})
	ix := openDir(t, lib, cache)
	mustSync(t, ix)
	// German stems find German forms; the English briefing's "Dateien"
	// is an English word, left as it is.
	checkHits(t, ix, "Datei", "de.md#bericht")
	if got := hits(t, ix, "Dateien"); len(got) != 2 {
		t.Errorf(`"Dateien": got %q, want the German and the English briefing`, got)
	}
	checkHits(t, ix, "Haus", "kurz.md#häuser")
	// English stems stay English: "published" finds "published" in the
	// English briefing, and "publishing" does too.
	checkHits(t, ix, "publishing", "en.md#report")
	if langs := ix.languages(); len(langs) != 2 || langs[0] != "" || langs[1] != "de" {
		t.Errorf("languages: %q, want the default and de", langs)
	}
}
