package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefreader/brief/briefings"
	"github.com/briefreader/brief/internal/export"
	"github.com/briefreader/brief/internal/render"
	"github.com/briefreader/brief/ui"
	"github.com/spf13/cobra"
)

type exportFlags struct {
	sections []string
	format   string
	output   string
	width    int
	slides   bool
	notes    bool
	theme    string
}

func (a *app) exportCommand() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "export BRIEFING",
		Short: "Make a handout: HTML, markdown, plain text or PDF of a briefing, or its slides as PDF",
		Long: `Write a handout of a briefing, or of some of its sections, for students or
readers without brief.

  html  a standalone page: no scripts, nothing loaded from the web, a clean
        style on screen and in print (web links are printed after their text)
  md    the sections' markdown as written, under a front-matter header
  txt   plain text wrapped at --width columns, for printing or email
  pdf   a printed document (A4, page numbers, bookmarks), or with --slides
        one landscape page per slide as the projector showed it: title,
        text, tables and code, every step shown; --notes puts each slide's
        presenter notes under it (portrait pages)

PDFs are set in the Go fonts, which cover accented Latin, Greek and
Cyrillic; other characters (Chinese, Japanese, Korean, symbols) come from
fonts installed on the system, and those no font has are named on stderr.

BRIEFING is a file path, or a title, file name or path suffix matched in the
library. --section (repeatable) takes a number, an anchor or part of a
heading, as ` + "`brief show --toc`" + ` lists them; each section comes with its
subsections, and the handout keeps the briefing's order. Without --section
the whole briefing is exported.

The format is --format, else the extension of -o (.html, .htm, .md,
.markdown, .txt, .pdf), else pdf with --slides, else md. Without -o the handout goes to the standard
output; with -o it is written to the file, replacing it in one step.
Presenter notes and pauses never appear in a handout.`,
		Example: `  brief export ukraine -o handout.html
  brief export ukraine --section 2 --section "north korean" -o week3.md
  brief export notes/today.md --format txt --width 72 | mail -s "Today" class@example.edu
  brief export lecture.md --slides --notes -o lecture-slides.pdf`,
		Args: exactArgs(1, "BRIEFING"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExport(args[0], f)
		},
	}
	flags := cmd.Flags()
	flags.StringArrayVarP(&f.sections, "section", "s", nil, "export this section with its subsections: number, anchor or part of the heading (repeatable)")
	flags.StringVar(&f.format, "format", "", "html, md, txt or pdf (default: from the -o extension, else md)")
	flags.StringVarP(&f.output, "output", "o", "", "write to this file instead of the standard output")
	flags.IntVarP(&f.width, "width", "w", export.DefaultWidth, "wrap plain text at this many columns (txt only)")
	flags.BoolVar(&f.slides, "slides", false, "a PDF with one page per slide, as presented")
	flags.BoolVar(&f.notes, "notes", false, "with --slides: each slide's presenter notes under it")
	flags.StringVar(&f.theme, "theme", "", "with --slides: the presenter theme to print in (default high-contrast-light)")
	return cmd
}

func (a *app) runExport(query string, f exportFlags) error {
	format, err := exportFormat(f)
	if err != nil {
		return err
	}
	switch {
	case f.slides && format != export.PDFFormat:
		return fmt.Errorf("--slides makes a PDF: use --format pdf or -o FILE.pdf, not %s", format)
	case f.notes && !f.slides:
		return errors.New("--notes goes with --slides: the notes are put under each slide")
	case f.theme != "" && !f.slides:
		return errors.New("--theme goes with --slides")
	case format == export.PDFFormat && (f.output == "" || f.output == "-") && newOutput(a.streams.Out).terminal:
		return errors.New("a PDF is not for the terminal: write it to a file with -o FILE.pdf, or redirect the output")
	}
	if f.width < 20 {
		return fmt.Errorf("--width %d is too narrow: use 20 or more", f.width)
	}
	b, err := a.findBriefing(query)
	if err != nil {
		return err
	}
	sections, err := export.FindSections(b, f.sections)
	var notFound *briefings.NotFoundError
	if errors.As(err, &notFound) {
		return fmt.Errorf("%w in %q (see `brief show --toc %s`)", err, b.Title, query)
	}
	if err != nil {
		return err
	}
	var data []byte
	if format == export.PDFFormat {
		data, err = a.exportPDF(b, sections, f)
	} else {
		data, err = export.Export(b, sections, format, export.Options{Width: f.width})
	}
	if err != nil {
		return err
	}
	if f.output == "" || f.output == "-" {
		_, err = a.streams.Out.Write(data)
		return err
	}
	if err := writeFileAtomic(f.output, data); err != nil {
		return err
	}
	n := export.Count(b, sections)
	noun := "sections"
	if n == 1 {
		noun = "section"
	}
	fmt.Fprintf(a.streams.Err, "wrote %s (%d %s, %s)\n", cleanMessage(f.output), n, noun, briefings.FormatSize(int64(len(data))))
	return nil
}

// exportFormat picks the format: --format, else the extension of -o, else
// PDF for slides and markdown for the rest.
func exportFormat(f exportFlags) (export.Format, error) {
	if f.format != "" {
		return export.ParseFormat(f.format)
	}
	if f.output != "" && f.output != "-" {
		format, ok, err := export.FormatForPath(f.output)
		if err != nil || ok {
			return format, err
		}
	}
	if f.slides {
		return export.PDFFormat, nil
	}
	return export.MarkdownFormat, nil
}

// exportPDF makes a PDF handout, or the slides; characters no font could
// draw are named on stderr.
func (a *app) exportPDF(b *briefings.Briefing, sections []int, f exportFlags) ([]byte, error) {
	var data []byte
	var report export.PDFReport
	var err error
	if f.slides {
		theme := f.theme
		if theme != "" {
			if _, err := render.StyleConfig(theme); err != nil {
				return nil, err
			}
		}
		deck, err := ui.PrintSlides(b, ui.PrintOptions{Theme: theme, Sections: sections})
		if err != nil {
			return nil, err
		}
		data, report, err = export.SlidesPDF(deck, export.PDFOptions{Notes: f.notes})
		if err != nil {
			return nil, err
		}
	} else if data, report, err = export.HandoutPDF(b, sections, export.PDFOptions{}); err != nil {
		return nil, err
	}
	if text := report.MissingText(); text != "" {
		fmt.Fprintln(a.streams.Err, "brief: "+cleanMessage(text))
	}
	return data, nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that readers see the old file or the new one,
// never half of one. A file that already exists keeps its permissions.
func writeFileAtomic(path string, data []byte) (err error) {
	fail := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		if info.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", path)
		}
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+strings.TrimPrefix(filepath.Base(path), ".")+".*.tmp")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, dir)
	}
	if err != nil {
		return fail(err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fail(err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err = tmp.Sync(); err != nil {
		return fail(err)
	}
	if err = tmp.Close(); err != nil {
		return fail(err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return nil
}
