// Placeholder: replaced by the screen itself.
export default function Confirm() {
  return <div class="card narrow">Confirm</div>;
}
