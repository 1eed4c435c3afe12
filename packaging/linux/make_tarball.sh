#!/usr/bin/env bash
# Lay the frozen app and its desktop integration out as an AppDir-style tree and pack it:
#   usr/lib/consent-workbench/        the PyInstaller one-folder build
#   usr/bin/consent-workbench         a link to its executable
#   usr/share/applications, metainfo, icons (hicolor: 256x256 PNG and scalable SVG)
set -euo pipefail
cd "$(dirname "$0")/../.."
frozen=build/dist/consent-workbench
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
app_id=io.github.consentworkbench.ConsentWorkbench
root=build/consent-workbench-$version
[ -x "$frozen/consent-workbench" ] || { echo "build the app first: make package" >&2; exit 1; }
rm -rf "$root"
mkdir -p "$root/usr/lib" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/icons/hicolor/scalable/apps"
cp -a "$frozen" "$root/usr/lib/consent-workbench"
ln -s ../lib/consent-workbench/consent-workbench "$root/usr/bin/consent-workbench"
cp packaging/linux/$app_id.desktop "$root/usr/share/applications/"
cp packaging/linux/$app_id.metainfo.xml "$root/usr/share/metainfo/"
cp resources/icons/consent-workbench.png "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png"
cp resources/icons/consent-workbench.svg "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
# AppDir conventions, so appimagetool can turn the same tree into an AppImage.
ln -s usr/share/applications/$app_id.desktop "$root/$app_id.desktop"
ln -s usr/share/icons/hicolor/256x256/apps/$app_id.png "$root/$app_id.png"
ln -s usr/bin/consent-workbench "$root/AppRun"
tar -C build -czf "build/consent-workbench-$version-linux-$(uname -m).tar.gz" \
  "consent-workbench-$version"
echo "build/consent-workbench-$version-linux-$(uname -m).tar.gz"
