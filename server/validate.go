package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"yunyou/assets"
	"yunyou/scenes"
	"yunyou/server/catalog"
)

// validate checks scene files as the server would load them and prints
// every mistake, one line each, then a summary. args are scene files or
// directories of *.json; the textures are the built-in ones plus those in
// a textures/ directory beside the files, and portals may lead to the
// built-in scenes and the given ones. It returns the exit code: 0 when
// every scene is sound, 1 otherwise.
func validate(args []string, stdout io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stdout, "usage: server validate PATH...  (scene files or directories of *.json)")
		return 2
	}
	var given []scenes.File
	var problems scenes.Errors
	textureDirs := map[string]bool{}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if err != nil {
			problems = append(problems, &scenes.Error{File: arg, Problem: "cannot be read: " + err.Error(), Fix: "give a scene file or a directory of scene files"})
			continue
		}
		if fi.IsDir() {
			files, err := catalog.ContentFiles(arg)
			if err != nil {
				problems = append(problems, &scenes.Error{File: arg, Problem: err.Error()})
				continue
			}
			if len(files) == 0 {
				problems = append(problems, &scenes.Error{File: arg, Problem: "holds no *.json scene files", Fix: "give the directory holding the scene files"})
			}
			given = append(given, files...)
			textureDirs[filepath.Join(arg, "textures")] = true
			continue
		}
		data, err := os.ReadFile(arg)
		if err != nil {
			problems = append(problems, &scenes.Error{File: arg, Problem: "cannot be read: " + err.Error()})
			continue
		}
		given = append(given, scenes.File{Name: arg, Data: data})
		textureDirs[filepath.Join(filepath.Dir(arg), "textures")] = true
	}
	known := map[string]bool{}
	for _, name := range assets.Names() {
		known[name] = true
	}
	dirs := make([]string, 0, len(textureDirs))
	for d := range textureDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		extra, errs := catalog.LoadTextures(d)
		problems = append(problems, errs...)
		for name := range extra {
			known[name] = true
		}
	}
	files, err := scenes.BuiltinFiles()
	if err != nil {
		problems = append(problems, &scenes.Error{File: "scenes", Problem: err.Error()})
	}
	_, errs := scenes.ValidateSet(append(files, given...), known)
	problems = append(problems, errs...)
	for _, p := range problems {
		fmt.Fprintln(stdout, p.String())
	}
	if len(problems) > 0 {
		bad := map[string]bool{}
		for _, p := range problems {
			bad[p.File] = true
		}
		fmt.Fprintf(stdout, "%d %s in %d %s\n", len(problems), plural(len(problems), "problem", "problems"), len(bad), plural(len(bad), "file", "files"))
		return 1
	}
	fmt.Fprintf(stdout, "%d %s OK\n", len(given), plural(len(given), "scene", "scenes"))
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printSceneErrors writes each scene mistake in err on its own line to w
// and reports whether err held any.
func printSceneErrors(w io.Writer, err error) bool {
	var list scenes.Errors
	if !errors.As(err, &list) {
		return false
	}
	for _, e := range list {
		fmt.Fprintln(w, e.String())
	}
	return true
}
