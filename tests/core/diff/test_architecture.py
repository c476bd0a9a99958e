import subprocess
import sys


def test_diff_imports_no_web_or_db():
    code = "import sys, converge.core.diff; print('flask' in sys.modules, 'sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
