package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"

	"github.com/briefreader/brief/internal/regular"
)

// Style names understood besides a path to a glamour JSON style file.
const (
	StyleAuto              = "auto"
	StyleDark              = styles.DarkStyle
	StyleLight             = styles.LightStyle
	StyleNoTTY             = styles.NoTTYStyle
	StyleASCII             = styles.AsciiStyle
	StyleHighContrastDark  = "high-contrast-dark"
	StyleHighContrastLight = "high-contrast-light"
)

// maxStyleFile is the largest style file read; glamour's own are ~5 KiB.
const maxStyleFile = 1 << 20

// Styles lists the built-in style names, "auto" first.
func Styles() []string {
	names := []string{StyleAuto, StyleHighContrastDark, StyleHighContrastLight}
	for name := range styles.DefaultStyles {
		names = append(names, name)
	}
	slices.Sort(names[3:])
	return names
}

// ResolveStyle turns a requested style into a concrete one. "auto" (or "")
// becomes "notty" when colour is off, and otherwise "dark" or "light" from
// the terminal background. It reads no environment: GLAMOUR_STYLE is one of
// brief's settings, resolved with the others into requested.
func ResolveStyle(requested string, colour, darkBackground bool) string {
	if requested != "" && requested != StyleAuto {
		return requested
	}
	if !colour {
		return StyleNoTTY
	}
	if darkBackground {
		return StyleDark
	}
	return StyleLight
}

// StyleConfig returns the glamour style for a concrete style name or a JSON
// style file.
func StyleConfig(name string) (ansi.StyleConfig, error) {
	switch name {
	case StyleHighContrastDark:
		return highContrast(true), nil
	case StyleHighContrastLight:
		return highContrast(false), nil
	}
	if cfg, ok := styles.DefaultStyles[name]; ok {
		return *cfg, nil
	}
	data, err := regular.ReadFile(name, maxStyleFile)
	var notRegular *regular.Error
	if errors.As(err, &notRegular) {
		return ansi.StyleConfig{}, fmt.Errorf("the style file %w", err)
	}
	if err != nil {
		return ansi.StyleConfig{}, fmt.Errorf("unknown style %q: not one of %s, and not a readable style file", name, strings.Join(Styles(), ", "))
	}
	var cfg ansi.StyleConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return ansi.StyleConfig{}, fmt.Errorf("style file %s is not a glamour JSON style: %w", name, err)
	}
	return cfg, nil
}

// adjustStyle fixes what glamour's styles do to the words of a text. Code
// spans lose the blank padding some styles put around them, which split
// "`String`s" into "String s". The styles without colour, notty (brief's
// plain output) and ascii, show no markup characters: glamour's show
// "**strong**", and "foo*bar*" reads as two words. The ascii style also
// draws with ASCII only.
func adjustStyle(cfg ansi.StyleConfig, name string) ansi.StyleConfig {
	if strings.TrimSpace(cfg.Code.Prefix) == "" && strings.TrimSpace(cfg.Code.Suffix) == "" {
		cfg.Code.Prefix, cfg.Code.Suffix = "", ""
	}
	if name == StyleNoTTY || name == StyleASCII {
		for _, p := range []*ansi.StylePrimitive{&cfg.Emph, &cfg.Strong, &cfg.Strikethrough, &cfg.Code.StylePrimitive} {
			p.BlockPrefix, p.BlockSuffix, p.Prefix, p.Suffix = "", "", "", ""
		}
	}
	if name == StyleASCII {
		cfg.Item.BlockPrefix = "- "
		cfg.ImageText.Format = "Image: {{.text}} ->"
		plus := "+"
		cfg.Table.CenterSeparator = &plus
	}
	return cfg
}
