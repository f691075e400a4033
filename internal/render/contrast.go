package render

import (
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// highContrast builds a projector style from the dark or light style: pure
// foreground on pure background, no faint text, no tinted code blocks, and
// emphasis carried by weight and underline rather than by hue.
func highContrast(dark bool) ansi.StyleConfig {
	fg, bg, accent := "#ffffff", "#000000", "#ffff00"
	cfg := styles.DarkStyleConfig
	if !dark {
		fg, bg, accent = "#000000", "#ffffff", "#0000c0"
		cfg = styles.LightStyleConfig
	}
	on := true
	plain := func(p *ansi.StylePrimitive) {
		p.Color = &fg
		p.BackgroundColor = nil
		p.Faint = nil
	}
	for _, p := range []*ansi.StylePrimitive{
		&cfg.Document.StylePrimitive, &cfg.Paragraph.StylePrimitive, &cfg.Text,
		&cfg.BlockQuote.StylePrimitive, &cfg.List.StylePrimitive, &cfg.Item, &cfg.Enumeration,
		&cfg.Heading.StylePrimitive, &cfg.H1.StylePrimitive, &cfg.H2.StylePrimitive,
		&cfg.H3.StylePrimitive, &cfg.H4.StylePrimitive, &cfg.H5.StylePrimitive, &cfg.H6.StylePrimitive,
		&cfg.Emph, &cfg.Strong, &cfg.Strikethrough, &cfg.HorizontalRule,
		&cfg.Link, &cfg.LinkText, &cfg.Image, &cfg.ImageText,
		&cfg.Code.StylePrimitive, &cfg.CodeBlock.StylePrimitive, &cfg.Table.StylePrimitive,
		&cfg.DefinitionTerm, &cfg.DefinitionDescription,
	} {
		plain(p)
	}
	cfg.Document.BackgroundColor = nil
	for _, h := range []*ansi.StylePrimitive{&cfg.Heading.StylePrimitive, &cfg.H1.StylePrimitive, &cfg.H2.StylePrimitive, &cfg.H3.StylePrimitive} {
		h.Bold = &on
	}
	cfg.H1.Color, cfg.H1.BackgroundColor = &bg, &fg
	cfg.H2.Color, cfg.H3.Color = &accent, &accent
	cfg.Strong.Bold = &on
	cfg.Emph.Underline = &on
	cfg.Link.Underline, cfg.Link.Color = &on, &accent
	cfg.LinkText.Bold = &on
	cfg.Code.Bold = &on
	cfg.CodeBlock.Chroma = nil
	cfg.CodeBlock.Theme = ""
	return cfg
}
