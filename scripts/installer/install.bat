@echo off
rem Installs kehoach-tui from this folder with no network (see README.txt).
rem 1. Python: the one carried in python\ if present, else Python 3.13, 3.12 or 3.11 already
rem    on this PC (the py launcher, then python on PATH);
rem 2. verify.py checks the signed SHA-256 list: a folder that does not verify is refused
rem    before anything is installed;
rem 3. install.py makes %LOCALAPPDATA%\kehoach-tui\venv, installs with pip --no-index and puts
rem    kehoach in the Start menu and on the desktop.
rem Only stock Windows 10 commands are used here. Arguments go on to install.py (--yes, ...).
rem KEHOACH_NO_PAUSE=1 skips the closing pause (unattended runs).
setlocal EnableExtensions
chcp 65001 >nul
set "HERE=%~dp0"
set "PY="
if exist "%HERE%python\python.exe" set "PY=%HERE%python\python.exe"
if not defined PY call :find_launcher 3.13
if not defined PY call :find_launcher 3.12
if not defined PY call :find_launcher 3.11
if not defined PY call :find_path
if not defined PY goto no_python
echo Dùng Python: %PY%

"%PY%" -B -I "%HERE%verify.py" "%HERE%."
if errorlevel 1 goto refused
"%PY%" -B -I "%HERE%install.py" %*
if errorlevel 1 goto failed
echo.
echo Xong. Mở kehoach từ menu Start hoặc biểu tượng trên màn hình.
if not defined KEHOACH_NO_PAUSE pause
exit /b 0

:find_launcher
where py >nul 2>nul
if errorlevel 1 exit /b 0
for /f "usebackq delims=" %%i in (`py -%1 -c "import sys; print(sys.executable)" 2^>nul`) do set "PY=%%i"
exit /b 0

:find_path
where python >nul 2>nul
if errorlevel 1 exit /b 0
for /f "usebackq delims=" %%i in (`python -c "import sys; print(sys.executable if sys.version_info[:2] in [(3, 11), (3, 12), (3, 13)] else '')" 2^>nul`) do set "PY=%%i"
exit /b 0

:no_python
echo Không tìm thấy Python 3.11, 3.12 hoặc 3.13 (64-bit) trên máy này.
echo Hãy cài Python 3.13 cho Windows (bản 64-bit, chọn "Add python.exe to PATH") rồi chạy lại.
if not defined KEHOACH_NO_PAUSE pause
exit /b 2

:refused
echo Đã từ chối cài đặt: thư mục này không đúng với chữ ký của bản phát hành.
if not defined KEHOACH_NO_PAUSE pause
exit /b 1

:failed
echo Cài đặt chưa xong; xem thông báo ở trên.
if not defined KEHOACH_NO_PAUSE pause
exit /b 1
