"""The command's cache of compiled Jinja templates: the same templates,
compiled once per machine, and Jinja untouched outside the block."""

import marshal

import jinja2

from geomap.template_cache import cache_path, compiled_templates_kept

SOURCE = "{% macro script(this) %}Hello {{ this }}{% endmacro %}"


def test_a_template_compiled_in_the_block_is_kept_in_the_file(tmp_path):
    path = cache_path(tmp_path)
    with compiled_templates_kept(path):
        jinja2.Template(SOURCE)
    assert len(marshal.loads(path.read_bytes())) == 1


def test_a_kept_template_renders_as_a_freshly_compiled_one(tmp_path):
    path = cache_path(tmp_path)
    with compiled_templates_kept(path):
        jinja2.Template(SOURCE)
    with compiled_templates_kept(path):
        kept = jinja2.Template(SOURCE)
    assert kept.module.script("world") == jinja2.Template(SOURCE).module.script("world")


def test_the_second_run_compiles_nothing(tmp_path, monkeypatch):
    path = cache_path(tmp_path)
    with compiled_templates_kept(path):
        jinja2.Template(SOURCE)
    compiled = []
    real = jinja2.Environment._generate
    monkeypatch.setattr(jinja2.Environment, "_generate",
                        lambda *args, **kwargs: compiled.append(1) or real(*args, **kwargs))
    with compiled_templates_kept(path):
        jinja2.Template(SOURCE)
    assert compiled == []


def test_jinja_compiles_as_before_outside_the_block(tmp_path):
    with compiled_templates_kept(cache_path(tmp_path)):
        pass
    jinja2.Template(SOURCE)
    assert not cache_path(tmp_path).exists()


def test_the_file_keeps_only_the_templates_of_the_last_run(tmp_path):
    path = cache_path(tmp_path)
    with compiled_templates_kept(path):
        jinja2.Template(SOURCE)
        jinja2.Template("a {{ x }}")
    with compiled_templates_kept(path):
        jinja2.Template("a {{ x }}")
    assert len(marshal.loads(path.read_bytes())) == 1


def test_different_delimiters_are_different_templates(tmp_path):
    with compiled_templates_kept(cache_path(tmp_path)):
        curly = jinja2.Template("<< x >> {{ x }}")
        angled = jinja2.Template("<< x >> {{ x }}", variable_start_string="<<",
                                 variable_end_string=">>")
    assert curly.render(x=1) == "<< x >> 1" and angled.render(x=1) == "1 {{ x }}"


def test_a_corrupt_file_is_ignored_and_replaced(tmp_path):
    path = cache_path(tmp_path)
    path.write_bytes(b"not marshal at all")
    with compiled_templates_kept(path):
        template = jinja2.Template(SOURCE)
    assert template.module.script("x") == "Hello x" and len(marshal.loads(path.read_bytes())) == 1


def test_a_file_of_other_values_is_ignored(tmp_path):
    path = cache_path(tmp_path)
    path.write_bytes(marshal.dumps({b"key": "not code", "other": 1}))
    with compiled_templates_kept(path):
        template = jinja2.Template(SOURCE)
    assert template.module.script("x") == "Hello x"


def test_an_unwritable_folder_leaves_the_command_working(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with compiled_templates_kept(cache_path(blocker / "sub")):
        template = jinja2.Template(SOURCE)
    assert template.module.script("x") == "Hello x"


def test_the_command_renders_without_a_home_to_keep_the_cache_in(monkeypatch):
    import gazetteer
    from geomap import cli

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(gazetteer, "user_cache_dir", no_home)
    assert cli._render().map_html is not None
